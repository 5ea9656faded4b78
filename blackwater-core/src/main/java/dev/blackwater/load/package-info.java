/** Load: each processed batch into the warehouse in one transaction. */
package dev.blackwater.load;
