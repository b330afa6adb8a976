package io.x3dava.spark;

import io.x3dava.backbone.cluster.ClusterSettings;

import java.util.Locale;

import org.apache.spark.SparkConf;

/**
 * The Spark configuration of a job: the user's (spark-defaults.conf, spark-submit --conf, -Dspark.* in
 * X3DAVA_JAVA_OPTS) first, then what this project needs where the user said nothing.
 */
final class SparkSettings {

    private SparkSettings() {
    }

    static SparkConf of(ClusterSettings settings, MasterAddress address) {
        SparkConf conf = new SparkConf().setMaster(settings.master()).setAppName(settings.appName());
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        boolean local = settings.master().toLowerCase(Locale.ROOT).startsWith("local");
        if (local || address != null && address.loopback()) {
            // a loopback cluster: nothing listens beyond this machine
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        if (local) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        if (!local && System.getProperty("spark.submit.deployMode") == null) {
            // Started by scripts/x3d-ava, not spark-submit: the executors (on machines that see this file system at
            // the same paths, such as the loopback cluster) load the project from where the driver does.
            conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        // libtorch's OpenMP and malloc settings (scripts/libtorch-env) for the executors too
        for (String name : new String[] {"GOMP_SPINCOUNT", "OMP_WAIT_POLICY", "GLIBC_TUNABLES"}) {
            String value = System.getenv(name);
            if (value != null) {
                conf.setIfMissing("spark.executorEnv." + name, value);
            }
        }
        String opts = conf.get("spark.executor.extraJavaOptions", "");
        if (!opts.contains("ai.djl.offline")) {
            // libtorch comes from the class path (pytorch-native-cpu), nothing is downloaded
            conf.set("spark.executor.extraJavaOptions", (opts + " -Dai.djl.offline=true").trim());
        }
        return conf;
    }
}
