package io.x3dava.annotations.charades;

import java.util.List;

/** One row of Charades_v1_train.csv / Charades_v1_test.csv; the free-text fields are kept as they are. */
public record CharadesVideo(String id, String subject, String scene, String quality, String relevance, String verified,
        String script, String objects, String descriptions, List<CharadesAction> actions, double length) {
    public CharadesVideo {
        actions = List.copyOf(actions);
    }

    /** A video with only what training needs (the text fields empty). */
    public static CharadesVideo of(String id, List<CharadesAction> actions, double length) {
        return new CharadesVideo(id, "", "", "", "", "", "", "", "", actions, length);
    }
}
