package io.x3dava.backbone.checkpoint;

import java.util.List;

/**
 * Gives meaning to the pickle opcodes that would run code in Python (GLOBAL, REDUCE, NEWOBJ, BINPERSID).
 * Implementations decide from an allow-list; they never load or call anything by name.
 */
public interface PickleResolver {
    /** The value GLOBAL / STACK_GLOBAL pushes for {@code module.name}, or a PickleException naming it. */
    Object resolveGlobal(String module, String name) throws PickleException;

    /** REDUCE and NEWOBJ: {@code callable} is a value this resolver returned from resolveGlobal. */
    Object call(Object callable, List<Object> args) throws PickleException;

    /** BINPERSID. */
    Object persistentLoad(Object pid) throws PickleException;

    /**
     * BUILD: applies {@code state} to {@code target} (a value this resolver built) in place, as Python's
     * __setstate__ does, so that memo references to the target see the result. The default drops the state:
     * torch checkpoints never need it.
     */
    default void build(Object target, Object state) throws PickleException {
    }
}
