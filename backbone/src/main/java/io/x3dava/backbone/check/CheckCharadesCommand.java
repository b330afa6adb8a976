package io.x3dava.backbone.check;

import io.x3dava.annotations.command.ExitCodes;
import io.x3dava.annotations.command.OutputPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks a Charades folder (frame lists and/or official CSVs against the frames and videos on disk). */
@Command(name = "check-charades", mixinStandardHelpOptions = true,
        description = {"Check a Charades folder before a run: per list (PySlowFast's frame_lists/{train,val}.csv over"
                + " frames/<id>/<id>-%%06d.jpg, Charades_v1_{train,test}.csv over videos/), videos listed vs on disk,"
                + " frames per video vs the list (gaps), undecodable JPEGs, labels outside Charades_v1_classes.txt.",
                "Exit 0: fine, 1: problems found, 2: unreadable input."})
public final class CheckCharadesCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "Charades folder: Charades_v1_classes.txt with "
            + "frame_lists/ + frames/ and/or Charades_v1_train.csv, Charades_v1_test.csv + videos/")
    Path data;

    @Option(names = "--samples", defaultValue = "100", description = "videos per list whose every frame is decoded")
    int samples;

    @Option(names = "--full", description = "decode every frame of every video (slow)")
    boolean full;

    @Option(names = "--json", description = "also write the report as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireFile(json);
        CharadesCheck check = new CharadesCheck(data, samples, full);
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException(data + ": no such Charades folder");
        }
        CharadesCheckReport report = check.run();
        System.out.print(CharadesCheckTable.table(report));
        if (json != null) {
            CharadesCheckTable.writeJson(report, json);
            System.out.println("report: " + json);
        }
        return report.fine() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
