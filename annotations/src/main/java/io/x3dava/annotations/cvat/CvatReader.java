package io.x3dava.annotations.cvat;

import io.x3dava.annotations.AnnotationFormatException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads "CVAT for video 1.1" XML, or the {@code annotations.xml} inside CVAT's export zip, with the line of every
 * track, box and attribute kept for messages. DTDs and external entities are refused (an annotation file is data).
 */
public final class CvatReader {
    /** The file CVAT's export zip holds its annotations in. */
    public static final String ZIP_ENTRY = "annotations.xml";

    private final Path name;
    private final XMLStreamReader xml;
    private final Deque<String> path = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private final Map<String, Map<String, CvatInputType>> labels = new LinkedHashMap<>();
    private final List<CvatTrack> tracks = new ArrayList<>();
    private String labelName;
    private final Map<String, CvatInputType> labelAttributes = new LinkedHashMap<>();
    private String attrName;
    private CvatInputType attrType;
    private int width;
    private int height;
    private int sizeLine;
    // the track and box being read
    private int trackId;
    private String trackLabel;
    private int trackLine;
    private List<CvatBox> trackBoxes;
    private CvatBox box;
    private List<CvatAttribute> boxAttributes;
    private String boxAttrName;
    private int boxAttrLine;

    private CvatReader(Path name, XMLStreamReader xml) {
        this.name = name;
        this.xml = xml;
    }

    /** Reads {@code file}: an XML file, or a zip (CVAT's export) holding {@value #ZIP_ENTRY}. */
    public static CvatDocument read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, Files.isDirectory(file) ? "is a directory; expected CVAT's "
                    + "annotations.xml or export zip" : "file not found (expected CVAT's annotations.xml or export zip)");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(4);
            byte[] magic = in.readNBytes(4);
            in.reset();
            if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                ZipInputStream zip = new ZipInputStream(in);
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    String n = e.getName();
                    if (n.equals(ZIP_ENTRY) || n.endsWith("/" + ZIP_ENTRY)) {
                        return parse(Path.of(file + "!" + n), zip);
                    }
                }
                throw new AnnotationFormatException(file, 0, "zip holds no " + ZIP_ENTRY
                        + " (expected CVAT's export as 'CVAT for video 1.1')");
            }
            return parse(file, in);
        }
    }

    private static CvatDocument parse(Path name, InputStream in) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader xml = null;
        try {
            // Decoded here, strictly: the JDK parser's own decoder prints "[Fatal Error]" lines to stderr on bytes that
            // are not UTF-8 (CVAT writes UTF-8).
            xml = f.createXMLStreamReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
            return new CvatReader(name, xml).document();
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof CharacterCodingException) {
                throw new AnnotationFormatException(name, 0, "expected CVAT's UTF-8 XML, got bytes that are not UTF-8 "
                        + "(a binary file?)");
            }
            int line = e.getLocation() != null ? Math.max(0, e.getLocation().getLineNumber()) : 0;
            String m = e.getMessage() == null ? "malformed XML" : e.getMessage();
            int at = m.indexOf("Message: ");
            throw new AnnotationFormatException(name, line, "malformed XML: " + (at >= 0 ? m.substring(at + 9) : m)
                    .replace('\n', ' '));
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // the file was read or failed already; nothing more to report
                }
            }
        }
    }

    private CvatDocument document() throws XMLStreamException, IOException {
        while (xml.hasNext()) {
            int ev = xml.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                start(xml.getLocalName());
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                text.append(xml.getText());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                end(xml.getLocalName());
            }
        }
        return new CvatDocument(name.toString(), width, height, sizeLine, labels, tracks);
    }

    private int line() {
        return xml.getLocation().getLineNumber();
    }

    private AnnotationFormatException error(int line, String message) {
        return new AnnotationFormatException(name, line, message);
    }

    private void start(String el) throws IOException {
        String parent = path.peek();
        if (path.isEmpty() && !el.equals("annotations")) {
            throw error(line(), "expected CVAT XML with root <annotations>, got <" + el + ">");
        }
        path.push(el);
        text.setLength(0);
        switch (el) {
            case "image" -> {
                if ("annotations".equals(parent)) {
                    throw error(line(), "this is 'CVAT for images' (<image> elements); export the task as "
                            + "'CVAT for video 1.1'");
                }
            }
            case "label" -> {
                if ("labels".equals(parent)) {
                    labelName = null;
                    labelAttributes.clear();
                }
            }
            case "attribute" -> {
                if ("attributes".equals(parent)) {
                    attrName = null;
                    attrType = null;
                } else if (box != null) {
                    boxAttrName = xml.getAttributeValue(null, "name");
                    boxAttrLine = line();
                    if (boxAttrName == null) {
                        throw error(boxAttrLine, "expected <attribute name=\"...\">");
                    }
                }
            }
            case "track" -> {
                if ("annotations".equals(parent)) {
                    trackLine = line();
                    trackId = intAttr("id");
                    trackLabel = attr("label");
                    trackBoxes = new ArrayList<>();
                }
            }
            case "box" -> {
                if ("track".equals(parent) && trackBoxes != null) {
                    int l = line();
                    box = new CvatBox(intAttr("frame"), numAttr("xtl"), numAttr("ytl"), numAttr("xbr"), numAttr("ybr"),
                            flag("outside"), flag("occluded"), !"0".equals(xml.getAttributeValue(null, "keyframe")),
                            List.of(), l);
                    if (!(box.xbr() >= box.xtl() && box.ybr() >= box.ytl())) {
                        throw error(l, "expected xtl <= xbr and ytl <= ybr, got a box (" + box.xtl() + ", " + box.ytl()
                                + ") - (" + box.xbr() + ", " + box.ybr() + ")");
                    }
                    boxAttributes = new ArrayList<>();
                }
            }
            default -> {
            }
        }
    }

    private void end(String el) throws IOException {
        path.pop();
        String parent = path.peek();
        String value = text.toString().trim();
        text.setLength(0);
        switch (el) {
            case "name" -> {
                if ("label".equals(parent)) {
                    labelName = value;
                } else if ("attribute".equals(parent)) {
                    attrName = value;
                }
            }
            case "input_type" -> attrType = CvatInputType.parse(value);
            case "attribute" -> {
                if ("attributes".equals(parent)) {
                    if (attrName != null && attrType != null) {
                        labelAttributes.put(attrName, attrType);
                    }
                } else if (box != null && boxAttrName != null) {
                    boxAttributes.add(new CvatAttribute(boxAttrName, value, boxAttrLine));
                    boxAttrName = null;
                }
            }
            case "label" -> {
                if ("labels".equals(parent) && labelName != null) {
                    labels.put(labelName, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labelAttributes)));
                }
            }
            case "width" -> {
                if ("original_size".equals(parent)) {
                    width = sizeValue(value);
                    sizeLine = line();
                }
            }
            case "height" -> {
                if ("original_size".equals(parent)) {
                    height = sizeValue(value);
                }
            }
            case "box" -> {
                if (box != null) {
                    trackBoxes.add(new CvatBox(box.frame(), box.xtl(), box.ytl(), box.xbr(), box.ybr(), box.outside(),
                            box.occluded(), box.keyframe(), boxAttributes, box.line()));
                    box = null;
                }
            }
            case "track" -> {
                if (trackBoxes != null) {
                    trackBoxes.sort(Comparator.comparingInt(CvatBox::frame));
                    for (int i = 1; i < trackBoxes.size(); i++) {
                        if (trackBoxes.get(i).frame() == trackBoxes.get(i - 1).frame()) {
                            throw error(trackBoxes.get(i).line(), "track " + trackId + " has two boxes on frame "
                                    + trackBoxes.get(i).frame() + " (first at line " + trackBoxes.get(i - 1).line() + ")");
                        }
                    }
                    tracks.add(new CvatTrack(trackId, trackLabel, trackBoxes, trackLine));
                    trackBoxes = null;
                }
            }
            default -> {
            }
        }
    }

    private int sizeValue(String v) throws IOException {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(line(), "expected a positive frame size in <original_size>, got '" + v + "'");
    }

    private String attr(String attribute) throws IOException {
        String v = xml.getAttributeValue(null, attribute);
        if (v == null) {
            throw error(line(), "<" + xml.getLocalName() + "> has no " + attribute + "=\"...\"");
        }
        return v;
    }

    private int intAttr(String attribute) throws IOException {
        String v = attr(attribute);
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(line(), "expected " + attribute + "=\"N\" with N >= 0 in <" + xml.getLocalName() + ">, got '" + v
                + "'");
    }

    private double numAttr(String attribute) throws IOException {
        String v = attr(attribute);
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(line(), "expected a number in " + attribute + "=\"...\", got '" + v + "'");
    }

    private boolean flag(String attribute) throws IOException {
        String v = xml.getAttributeValue(null, attribute);
        if (v == null || v.equals("0")) {
            return false;
        }
        if (v.equals("1")) {
            return true;
        }
        throw error(line(), "expected " + attribute + "=\"0\" or \"1\", got '" + v + "'");
    }
}
