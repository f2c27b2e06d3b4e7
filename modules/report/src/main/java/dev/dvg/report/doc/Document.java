package dev.dvg.report.doc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report as a title and a list of blocks; images are collected so they can be written once. */
public final class Document {
    private final String title;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Image> images = new LinkedHashMap<>();

    public Document(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    /** Every image of every figure, by file name, in order of appearance. */
    public Map<String, Image> images() {
        return Map.copyOf(images);
    }

    public List<Image> imageList() {
        return List.copyOf(images.values());
    }

    public Document add(Block b) {
        if (b instanceof Block.Figure f) {
            for (Image i : f.images()) {
                Image prev = images.putIfAbsent(i.fileName(), i);
                if (prev != null && prev != i) {
                    throw new IllegalArgumentException("two images named " + i.fileName());
                }
            }
        }
        blocks.add(b);
        return this;
    }

    public Document heading(int level, String text, String id) {
        return add(new Block.Heading(level, text, id));
    }

    public Document para(String text) {
        return add(new Block.Paragraph(text));
    }

    public Document note(String text) {
        return add(new Block.Note(text));
    }

    public Document figure(String caption, Image... images) {
        return add(new Block.Figure(List.of(images), caption));
    }
}
