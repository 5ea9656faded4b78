/** The lake port (LakeStore), its local adapter, batch ids, manifests and claims. */
package dev.blackwater.lake;
