package io.x3dava.annotations.cvat;

/** One {@code <attribute name="...">value</attribute>} of a box, with the XML line it is on (for messages). */
public record CvatAttribute(String name, String value, int line) {
}
