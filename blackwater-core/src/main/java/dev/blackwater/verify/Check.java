package dev.blackwater.verify;

/**
 * One reconciliation check and what each side said.
 *
 * @param name what is checked
 * @param source what the source says (empty when it has no say)
 * @param lake what the lake says
 * @param warehouse what the warehouse says
 * @param ok whether the sides agree
 * @param detail why not, or a note
 */
public record Check(
    String name, String source, String lake, String warehouse, boolean ok, String detail) {}
