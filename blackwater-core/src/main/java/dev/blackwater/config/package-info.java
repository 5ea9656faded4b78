/** The table of settings, its reading (Configuration), databases and credentials. */
package dev.blackwater.config;
