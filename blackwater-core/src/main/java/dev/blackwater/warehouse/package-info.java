/** The warehouse: its star schema (Flyway migrations), tables and bookkeeping. */
package dev.blackwater.warehouse;
