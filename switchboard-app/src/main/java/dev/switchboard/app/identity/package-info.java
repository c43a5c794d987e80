/**
 * Identity matching: whether two records of one type are the same person or company, as an explainable score with
 * explicit rules ({@link dev.switchboard.app.identity.Matcher}), and the blocking keys under which candidates are
 * found ({@link dev.switchboard.app.identity.BlockingKeys}).
 *
 * <p>Why a module of its own, and why only this: the decision is pure (two records' values in, a verdict out), so it
 * is tested on a labelled set without a database, and the thresholds and rules live in one place. Everything that
 * needs the spine's tables — looking candidates up by blind index, decrypting them, recording automatic links, the
 * review queue, merging and splitting — stays in {@code sync}, which owns golden records, identity keys, merges and
 * splits; putting the queue here would make {@code identity} and {@code sync} depend on each other. The module depends
 * only on {@code canonical} (name and domain forms) and on two Apache Commons libraries (Double Metaphone, Jaro-Winkler).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"canonical"})
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.identity;
