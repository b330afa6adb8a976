package io.x3dava.viewer;

import io.x3dava.annotations.ava.LabelMapEntry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Class list with a check box per class, a search field and all/none buttons; reports a {@link ClassFilter}. */
final class ClassFilterPanel extends VBox {
    private final TextField search = new TextField();
    private final ListView<LabelMapEntry> list = new ListView<>();
    private final Map<Integer, BooleanProperty> checked = new HashMap<>();
    private final Consumer<ClassFilter> onChange;
    private List<LabelMapEntry> entries = List.of();
    private boolean bulk;

    ClassFilterPanel(Consumer<ClassFilter> onChange) {
        super(4);
        this.onChange = onChange;
        search.setPromptText("search classes");
        search.textProperty().addListener((o, a, b) -> refilter());
        list.setCellFactory(CheckBoxListCell.forListView(e -> checked.get(e.id()),
                new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(LabelMapEntry e) {
                        return e == null ? "" : e.id() + "  " + e.name();
                    }

                    @Override
                    public LabelMapEntry fromString(String s) {
                        throw new UnsupportedOperationException();
                    }
                }));
        list.setPrefHeight(200);
        Button all = new Button("All");
        all.setOnAction(e -> setAll(true));
        Button none = new Button("None");
        none.setOnAction(e -> setAll(false));
        HBox.setHgrow(search, Priority.ALWAYS);
        getChildren().addAll(new Label("Classes"), new HBox(4, search, all, none), list);
        VBox.setVgrow(list, Priority.ALWAYS);
    }

    /** New classes (another label map or files); previously unchecked classes stay unchecked. */
    void setClasses(List<LabelMapEntry> classes) {
        this.entries = List.copyOf(classes);
        for (LabelMapEntry e : classes) {
            checked.computeIfAbsent(e.id(), id -> {
                BooleanProperty p = new SimpleBooleanProperty(true);
                p.addListener((o, a, b) -> {
                    if (!bulk) {
                        onChange.accept(filter());
                    }
                });
                return p;
            });
        }
        refilter();
    }

    private void refilter() {
        list.setItems(FXCollections.observableArrayList(ClassFilter.search(entries, search.getText())));
    }

    /** All / none act on the classes the search shows, so "search sit, None" hides just those. */
    private void setAll(boolean on) {
        bulk = true;
        try {
            list.getItems().forEach(e -> checked.get(e.id()).set(on));
        } finally {
            bulk = false;
        }
        onChange.accept(filter());
    }

    ClassFilter filter() {
        Set<Integer> on = new TreeSet<>();
        boolean all = true;
        for (Map.Entry<Integer, BooleanProperty> e : checked.entrySet()) {
            if (e.getValue().get()) {
                on.add(e.getKey());
            } else {
                all = false;
            }
        }
        return all ? ClassFilter.all() : ClassFilter.only(on);
    }
}
