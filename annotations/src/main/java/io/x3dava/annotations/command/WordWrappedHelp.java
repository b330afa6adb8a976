package io.x3dava.annotations.command;

import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help whose option and parameter descriptions wrap at spaces only. picocli wraps with the JDK's line BreakIterator,
 * which also breaks after ':' '.' and '/' inside a word: {@code rtsp:} / {@code //}, {@code FILE.} /
 * {@code torchscript}, {@code {vid}} / {@code /img_%05d.jpg} at a line end. Here a description is cut at the last space
 * that fits; only a single word longer than the column is left to picocli.
 */
final class WordWrappedHelp implements CommandLine.IHelpFactory {

    @Override
    public Help create(CommandSpec spec, Help.ColorScheme scheme) {
        return new Help(spec, scheme) {
            @Override
            public Layout createDefaultLayout() {
                Layout l = super.createDefaultLayout();
                TextTable t = new SpaceWrappedTable(l.colorScheme(), l.textTable());
                return new Layout(l.colorScheme(), t, l.optionRenderer(), l.parameterRenderer());
            }

            /** The root's list of commands, picocli's layout (name, first line of the header or description). */
            @Override
            public String commandList(Map<String, Help> subcommands) {
                if (subcommands.isEmpty()) {
                    return "";
                }
                int width = commandSpec().usageMessage().width();
                int names = Math.min(subcommands.keySet().stream().mapToInt(String::length).max().orElse(0),
                        width / 2);
                TextTable t = new SpaceWrappedTable(colorScheme(), TextTable.forColumns(colorScheme(),
                        new Column(names + 2, 2, Column.Overflow.SPAN),
                        new Column(width - (names + 2), 2, Column.Overflow.WRAP)));
                for (Help h : subcommands.values()) {
                    var usage = h.commandSpec().usageMessage();
                    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
                    String first = lines.length == 0 ? "" : formatted(lines[0]);
                    t.addRowValues(h.commandNamesText(", "), colorScheme().text(first));
                }
                return t.toString();
            }
        };
    }

    /** A description line as picocli prints it ({@code %%} is a per cent sign). */
    private static String formatted(String line) {
        try {
            return String.format(Locale.ROOT, line);
        } catch (IllegalFormatException e) {
            return line;
        }
    }

    /** A text table that hands picocli pieces of its wrapped columns that already fit, cut at spaces. */
    private static final class SpaceWrappedTable extends TextTable {

        private final Help.ColorScheme scheme;

        SpaceWrappedTable(Help.ColorScheme scheme, TextTable like) {
            super(scheme, like.columns());
            this.scheme = scheme;
            indentWrappedLines = like.indentWrappedLines;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column c = columns()[col];
            if (c.overflow != Column.Overflow.WRAP || value == null) {
                return super.putValue(row, col, value);
            }
            String plain = value.plainString();
            // continuation lines are indented, and picocli keeps one column free: pieces of this width never rewrap
            int width = c.width - c.indent - indentWrappedLines - 1;
            if (plain.length() <= width || plain.indexOf('\n') >= 0 || width < 10) {
                return super.putValue(row, col, value);
            }
            Cell cell = null;
            int start = 0;
            int r = row;
            while (start < plain.length()) {
                int end = plain.length();
                if (end - start > width) {
                    int space = plain.lastIndexOf(' ', start + width);
                    end = space > start ? space : plain.indexOf(' ', start + width); // a word longer than a line
                    end = end < 0 ? plain.length() : end;
                }
                Text piece = value.substring(start, end);
                if (cell != null) {
                    r++;
                    if (r >= rowCount()) {
                        addEmptyRow();
                    }
                    piece = scheme.text(" ".repeat(indentWrappedLines)).concat(piece);
                }
                cell = super.putValue(r, col, piece);
                r = cell.row;
                start = end;
                while (start < plain.length() && plain.charAt(start) == ' ') {
                    start++;
                }
            }
            return cell;
        }
    }
}
