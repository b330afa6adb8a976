package io.x3dava.launcher;

import io.x3dava.annotations.command.CommandLines;
import io.x3dava.backbone.bench.BenchX3DCommand;
import io.x3dava.backbone.bench.BenchX3DTorchScriptCommand;
import io.x3dava.backbone.bench.BenchX3DOnnxCommand;
import io.x3dava.backbone.checkpoint.InspectCheckpointCommand;
import io.x3dava.backbone.check.CheckCharadesCommand;
import io.x3dava.backbone.classify.FinetuneCharadesCommand;
import io.x3dava.detector.export.ExportOnnxCommand;
import io.x3dava.backbone.classify.PretrainCommand;
import io.x3dava.backbone.classify.TestCommand;
import io.x3dava.backbone.synthetic.MakeSyntheticCommand;
import io.x3dava.backbone.video.BenchDecodeCommand;
import io.x3dava.backbone.x3d.X3DFlopsCommand;
import io.x3dava.detector.check.CheckAvaCommand;
import io.x3dava.detector.cvat.ExportCvatCommand;
import io.x3dava.detector.cvat.ImportCvatCommand;
import io.x3dava.detector.dataset.MakeDatasetCommand;
import io.x3dava.detector.infer.BenchAvaCommand;
import io.x3dava.detector.infer.DetectAvaCommand;
import io.x3dava.detector.model.DetectorFlopsCommand;
import io.x3dava.detector.roi.BenchRoiAlignCommand;
import io.x3dava.detector.run.DemoCommand;
import io.x3dava.detector.synthetic.MakeSyntheticAvaCommand;
import io.x3dava.detector.train.TrainAvaCommand;
import io.x3dava.eval.ava.BenchEvalAvaCommand;
import io.x3dava.eval.ava.EvalAvaCommand;
import io.x3dava.proposals.DetectProposalsCommand;
import io.x3dava.viewer.ExportCommand;
import io.x3dava.viewer.ViewerApp;
import io.x3dava.viewer.annotate.AnnotateCommand;
import io.x3dava.viewer.detect.DetectVideoCommand;

import java.util.ArrayList;
import java.util.List;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code x3d-ava}: the one command-line root. Every command of every module is a subcommand here; each lives in the
 * package of what it runs. Started by {@code scripts/x3d-ava}.
 */
@Command(name = "x3d-ava", mixinStandardHelpOptions = true, version = "X3D-AVA 0.1.0",
        description = "Spatiotemporal action detection with X3D (AVA, Charades, Kinetics) on the JVM.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footer = {"", "`x3d-ava COMMAND --help` lists a command's options with their defaults.",
                "--debug (anywhere) prints the stack trace of an internal error.",
                "Exit codes: 0 done, 1 internal error or problems found, 2 bad input, 3 training diverged."},
        subcommands = {
            // the main job and AVA detection
            DemoCommand.class, TrainAvaCommand.class, DetectAvaCommand.class, EvalAvaCommand.class,
            DetectProposalsCommand.class, MakeSyntheticAvaCommand.class,
            CheckAvaCommand.class, DetectorFlopsCommand.class, DetectVideoCommand.class, ExportOnnxCommand.class,
            // your own actions: annotations from CVAT and a data set of your videos
            AnnotateCommand.class, ImportCvatCommand.class, ExportCvatCommand.class, MakeDatasetCommand.class,
            // the backbone: pre-training, testing, fine-tuning, checkpoints
            PretrainCommand.class, TestCommand.class, FinetuneCharadesCommand.class, CheckCharadesCommand.class,
            MakeSyntheticCommand.class,
            InspectCheckpointCommand.class, X3DFlopsCommand.class,
            // looking at results
            ViewerApp.class, ExportCommand.class,
            // benchmarks
            BenchX3DCommand.class, BenchAvaCommand.class, BenchRoiAlignCommand.class, BenchDecodeCommand.class,
            BenchEvalAvaCommand.class,
            BenchX3DTorchScriptCommand.class, BenchX3DOnnxCommand.class,
            AutoComplete.GenerateCompletion.class})
public final class X3dAva implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", description = "print stack traces of internal errors (also accepted after the command)")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured root command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new X3dAva());
        CommandLine completion = cl.getSubcommands().get("generate-completion");
        completion.getCommandSpec().usageMessage().hidden(false);
        // picocli's completion command ignores unknown options; like every other command it must refuse them.
        completion.setUnmatchedArgumentsAllowed(false);
        completion.getCommandSpec().helpCommand(false);
        CommandLines.configure(cl);
        return cl;
    }

    /** Runs {@code args} and returns the exit code; {@code --debug} anywhere turns on stack traces. */
    public static int run(String... args) {
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--debug")) {
                System.setProperty(CommandLines.DEBUG_PROPERTY, "true");
            } else {
                rest.add(a);
            }
        }
        return commandLine().execute(rest.toArray(String[]::new));
    }

    public static void main(String[] args) {
        int code = run(args);
        // The viewer's JavaFX thread keeps running after its command returns; everything else ends here.
        if (code != 0 || args.length == 0 || !isViewer(args)) {
            System.exit(code);
        }
    }

    private static boolean isViewer(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a.equals("view");
            }
        }
        return false;
    }
}
