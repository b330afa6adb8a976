package io.x3dava.annotations.ava;

/** One class of a label map; {@code labelType} is v2.2's PERSON_MOVEMENT / OBJECT_MANIPULATION / PERSON_INTERACTION, or null. */
public record LabelMapEntry(int id, String name, String labelType) {}
