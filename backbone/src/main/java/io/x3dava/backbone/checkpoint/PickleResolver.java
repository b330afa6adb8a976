package io.x3dava.backbone.checkpoint;

import java.util.List;

/**
 * Gives meaning to the pickle opcodes that would run code in Python (GLOBAL, REDUCE, NEWOBJ, BINPERSID).
 * Implementations decide from an allow-list; they never load or call anything by name.
 */
interface PickleResolver {
    /** The value GLOBAL / STACK_GLOBAL pushes for {@code module.name}, or a PickleException naming it. */
    Object resolveGlobal(String module, String name) throws PickleException;

    /** REDUCE and NEWOBJ: {@code callable} is a value this resolver returned from resolveGlobal. */
    Object call(Object callable, List<Object> args) throws PickleException;

    /** BINPERSID. */
    Object persistentLoad(Object pid) throws PickleException;
}
