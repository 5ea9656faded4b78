/** The source tables Blackwater knows and their columns; above the foundation only. */
package dev.blackwater.catalog;
