/** The top: Blackwater (parts put together), StageRunner, Pipeline, RunLog, status. */
package dev.blackwater.pipeline;
