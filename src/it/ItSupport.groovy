// Shared helpers for the integration tests' hook scripts: load with
//   def support = evaluate(new File(itSupport)).newInstance(basedir)
// (not "it": that is Groovy's implicit closure parameter).
import groovy.json.JsonSlurper

class DockerIt {
    final File basedir

    /**
     * Environment for every command, e.g. [DOCKER_HOST: 'unix:///run/slim-podman/podman.sock'] so that the docker CLI
     * (and so every check below) looks at the daemon an IT built on instead of the main one; see onDaemon().
     */
    final Map<String, String> commandEnvironment = [:]

    DockerIt(File basedir) { this.basedir = basedir }

    /** Points the checks at another daemon, by the same variables the IT gives the build; returns this. */
    DockerIt onDaemon(Map<String, String> environment) {
        commandEnvironment.putAll(environment)
        this
    }

    /** Runs a command, returns [exit: n, out: stdout+stderr]. */
    Map exec(List<String> cmd, File dir = basedir) {
        def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir).redirectErrorStream(true)
        pb.environment().putAll(commandEnvironment)
        def p = pb.start()
        def out = p.inputStream.text
        p.waitFor()
        [exit: p.exitValue(), out: out]
    }

    /** Runs a command that must succeed and returns its output. */
    String sh(List<String> cmd, File dir = basedir) {
        def r = exec(cmd, dir)
        assert r.exit == 0: "${cmd.join(' ')} exited ${r.exit}:\n${r.out}"
        r.out
    }

    String buildLog() { new File(basedir, 'build.log').text }

    // ---- Registries (scripts/ensure-registry.sh) and further Maven runs, for the push ITs -------------------------

    /** Where scripts/ensure-registry.sh keeps the password and the CA (its SLIM_REGISTRY_DIR default). */
    static File registryDir() {
        new File(System.getenv('SLIM_REGISTRY_DIR') ?: (System.getProperty('user.name') == 'root'
                ? '/var/lib/slim-registry' : System.getProperty('java.io.tmpdir') + '/slim-registry'))
    }

    /**
     * One more Maven run in this IT's project after the invoker's own, with the invoker's settings and local repository
     * ({@code localRepositoryPath} of the hook script) and {@code env} added to the environment; the output is also
     * written to {@code <name>.log} in basedir. Returns [exit: n, out: output].
     */
    Map mvn(String name, List args, Object localRepositoryPath, Map env = [:]) {
        def settings = new File(basedir.parentFile, 'interpolated-settings.xml')
        def cmd = [new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-s', settings.path,
                   "-Dmaven.repo.local=${localRepositoryPath}"] + args
        def pb = new ProcessBuilder(cmd*.toString()).directory(basedir).redirectErrorStream(true)
        env.each { k, v -> pb.environment().put(k.toString(), v.toString()) }
        def p = pb.start()
        def out = p.inputStream.text
        p.waitFor()
        new File(basedir, "${name}.log").text = out
        [exit: p.exitValue(), out: out]
    }

    /** The "[ERROR] Failed to execute goal" line of a Maven output (the whole output when there is none). */
    static String failureLine(String out) { out.readLines().find { it.startsWith('[ERROR] Failed to execute goal') } ?: out }

    /**
     * The manifest digest (Docker-Content-Digest) the registry's API gives for repository:tag, or null when it has no
     * such tag; over HTTPS trusting only scripts/ensure-registry.sh's CA when {@code https}.
     */
    static String registryDigest(String registry, String repository, String tag, boolean https = false, String basicAuth = null) {
        def url = new URL("${https ? 'https' : 'http'}://${registry}/v2/${repository}/manifests/${tag}")
        def conn = url.openConnection() as HttpURLConnection
        if (https) {
            def ca = new File(registryDir(), 'ca/ca.crt').withInputStream {
                java.security.cert.CertificateFactory.getInstance('X.509').generateCertificate(it)
            }
            def keyStore = java.security.KeyStore.getInstance(java.security.KeyStore.defaultType)
            keyStore.load(null, null)
            keyStore.setCertificateEntry('slim-registry-ca', ca)
            def trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.defaultAlgorithm)
            trust.init(keyStore)
            def tls = javax.net.ssl.SSLContext.getInstance('TLS')
            tls.init(null, trust.trustManagers, null)
            (conn as javax.net.ssl.HttpsURLConnection).SSLSocketFactory = tls.socketFactory
        }
        conn.requestMethod = 'HEAD'
        conn.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json')
        if (basicAuth != null) {
            conn.setRequestProperty('Authorization', 'Basic ' + basicAuth.bytes.encodeBase64().toString())
        }
        int code = conn.responseCode
        assert code == 200 || code == 404: "HEAD ${url} answered ${code}"
        code == 200 ? conn.getHeaderField('Docker-Content-Digest') : null
    }

    /** Whether a file holds the text, read in chunks (an image tar is hundreds of MB). */
    static boolean fileContains(File f, String needle) {
        boolean found = false
        f.withInputStream { input ->
            byte[] buf = new byte[4 << 20]
            String tail = ''
            int n
            while (!found && (n = input.read(buf)) > 0) {
                String text = tail + new String(buf, 0, n, 'ISO-8859-1')
                found = text.contains(needle)
                tail = text.length() >= needle.length() ? text.substring(text.length() - needle.length() + 1) : text
            }
        }
        found
    }

    Map report(String dir = 'target/slim') { new JsonSlurper().parse(new File(basedir, "${dir}/report.json")) as Map }

    Map inspect(String image) { (new JsonSlurper().parse(sh(['docker', 'image', 'inspect', image]).bytes) as List)[0] as Map }

    boolean imageExists(String image) { exec(['docker', 'image', 'inspect', image]).exit == 0 }

    /** docker run --rm, returning [exit, out]. */
    Map run(String image, List<String> args = [], List<String> options = []) {
        exec(['docker', 'run', '--rm'] + options + [image] + args)
    }

    /** Sizes of files in an image (0 for a missing one), copied out of a container created, never started, and removed. */
    Map<String, Long> fileSizes(String image, List<String> paths) {
        def id = sh(['docker', 'create', '--entrypoint', '/never-started', image]).trim()
        def dir = java.nio.file.Files.createTempDirectory('slim-it-files').toFile()
        try {
            paths.collectEntries { String path ->
                def copy = new File(dir, path.substring(path.lastIndexOf('/') + 1))
                def cp = exec(['docker', 'cp', "${id}:${path}".toString(), copy.path])
                [(path): cp.exit == 0 && copy.isFile() ? copy.length() : 0L]
            }
        } finally {
            exec(['docker', 'rm', '-f', id])
            dir.deleteDir()
        }
    }

    /** Starts a detached container publishing {@code port} on a loopback port; returns [id, hostPort]. */
    Map start(String image, int port) {
        def id = sh(['docker', 'run', '-d', '-p', "127.0.0.1::${port}".toString(), image]).trim()
        def mapping = sh(['docker', 'port', id, "${port}/tcp".toString()]).readLines().find { it.startsWith('127.0.0.1:') }
        [id: id, hostPort: mapping.split(':')[1].trim() as int]
    }

    /** Polls http://127.0.0.1:port/path until it answers 200 or the timeout passes; returns [status, body]. */
    Map httpGet(int port, String path, int timeoutSeconds) {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L
        def last = [status: -1, body: '']
        while (System.currentTimeMillis() < deadline) {
            try {
                def conn = new URL("http://127.0.0.1:${port}${path}").openConnection() as HttpURLConnection
                conn.connectTimeout = 1000
                conn.readTimeout = 2000
                last = [status: conn.responseCode, body: conn.responseCode < 400 ? conn.inputStream.text : '']
                if (last.status == 200) return last
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(500)
        }
        last
    }

    void removeContainer(String id) { exec(['docker', 'rm', '-f', id]) }

    /** Builds {@code dockerfile} (no context) without cache as {@code tag}; returns the image's full id. */
    String dockerBuild(String tag, String dockerfile) {
        def pb = new ProcessBuilder(['docker', 'build', '--no-cache', '-q', '-t', tag, '-']).redirectErrorStream(true)
        pb.environment().putAll(commandEnvironment)
        def p = pb.start()
        p.outputStream.withWriter('UTF-8') { w -> w << dockerfile }
        def out = p.inputStream.text
        assert p.waitFor() == 0: "docker build -t ${tag} failed:\n${out}"
        inspect(tag).Id
    }

    /** Removes images by reference or id; missing ones are fine. */
    void removeImages(List<String> refs) {
        refs.each { exec(['docker', 'rmi', '-f', it]) }
    }

    /** Full ids (sha256:...) of the daemon's dangling images: untagged, and no image builds on them. */
    Set<String> danglingImageIds() { sh(['docker', 'images', '-q', '--no-trunc', '-f', 'dangling=true']).readLines().findAll { it } as Set }

    /** Deletes a file or directory under basedir (e.g. a target/ left by an earlier run of the same IT). */
    void deleteUnderBasedir(String relative) {
        def f = new File(basedir, relative)
        assert f.canonicalPath.startsWith(basedir.canonicalPath + File.separator): "${f} is not under ${basedir}"
        if (f.directory) {
            f.deleteDir()
        } else {
            f.delete()
        }
    }

    /** Hex SHA-256 of a file's bytes. */
    String sha256(File file) {
        java.security.MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
    }

    /** Image references (repo:tag) that the daemon has under {@code repository}, e.g. slim-it/error-no-main. */
    List<String> imagesOf(String repository) {
        sh(['docker', 'images', '--format', '{{.Repository}}:{{.Tag}}', repository]).readLines().findAll { it }
    }

    /** Removes every container (running or not) started from {@code image}, e.g. one whose id a failed start() lost. */
    void removeContainersOf(String image) {
        sh(['docker', 'ps', '-aq', '--filter', "ancestor=${image}".toString()]).readLines().findAll { it }.each { removeContainer(it) }
    }

    /**
     * The one "[ERROR] Failed to execute goal ..." line of build.log (the reason Maven gives for the failure), asserting
     * that there is exactly one and that it comes from this plugin.
     */
    String goalFailure() {
        def lines = buildLog().readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
        assert lines.size() == 1: "expected one goal failure in build.log, found ${lines.size()}:\n${lines.join('\n')}"
        assert lines[0].contains('slim-maven-plugin'): lines[0]
        lines[0]
    }

    /** The Dockerfile features docker-java's classic builder cannot handle or that download at build time. */
    void assertClassicDockerfile(String dockerfile) {
        assert !(dockerfile =~ /(?m)^#\s*syntax/): 'no # syntax line'
        assert !dockerfile.contains('--mount'): 'no RUN --mount'
        assert !dockerfile.contains('--chmod') && !dockerfile.contains('--link'): 'no BuildKit COPY flags'
        assert !dockerfile.contains('<<'): 'no heredocs'
        assert !(dockerfile =~ /(?i)\b(curl|wget|apt-get|apk|yum|dnf|mvn)\b/): 'no step downloads anything'
    }

    // ---- What this IT's own builds left on the daemon ---------------------------------------------------------------
    //
    // The daemon is shared: other ITs run at the same time (invoker.parallelThreads), and other builds may run on it
    // too. So an IT never looks at the daemon as a whole (all stopped containers, all dangling images); it looks only at
    // what its own builds made, as build.log tells: the plugin streams the classic builder's output into the Maven log
    // as "[INFO] [docker] ..." (or "[INFO] [docker <name>] ..."), and that output names every build container
    // ("---> Running in <id>") and every image a step committed ("---> <id>").
    //
    // The jlink stage's image is tagged slim-cache/jlink:<hash of the stage>, and two ITs that link the same module set
    // from the same JDK share that tag. An IT therefore never removes a cache tag itself (another IT may be between two
    // builds that rely on it): recordJlinkCacheTags() writes the tags that point at an image this IT's build made into
    // <IT>/jlink-cache-tags.txt, and src/it/remove-jlink-cache-tags.sh removes them once all ITs are done (bound to
    // post-integration-test in pom.xml), each only while it still points at the image our build made.
    //
    // Not covered: two runs of the suite on one daemon at the same time (two work trees) use the same image names, so
    // one run's build can move the other's tag (its image then shows up here as dangling) or its cache tag.

    static final String VERIFY_LABEL = 'dev.slimimage.verify'
    static final String JLINK_CACHE_REPOSITORY = 'slim-cache/jlink'
    static final String JLINK_CACHE_LEDGER = 'jlink-cache-tags.txt'

    /** What the image builds in one build.log did, read from the builder output the plugin logged. */
    static class BuildTrace {
        /** Steps seen ("Step 1/n" starts a build). */
        int builds
        /** Build containers, 12 hex digits: "---> Running in <id>". */
        final Set<String> containers = new LinkedHashSet<>()
        /** Images a step of these builds committed: not from cache, not the image a FROM names. */
        final Set<String> createdImages = new LinkedHashSet<>()
        /** Images a FROM step started from: they were there before. */
        final Set<String> baseImages = new LinkedHashSet<>()
        /** Images the builder took from its cache ("---> Using cache"): an earlier build made them. */
        final Set<String> cachedImages = new LinkedHashSet<>()
        /** The last image of each stage that a later FROM ended (the jlink stage's image is one). */
        final Set<String> stageImages = new LinkedHashSet<>()
        /** Containers slim:verify says it ran the image in ("Verifying <image> in container <id>"). */
        final Set<String> verifyContainers = new LinkedHashSet<>()

        String toString() {
            "builds ${builds}, containers ${containers}, created ${createdImages}, base ${baseImages}, " +
                    "cached ${cachedImages}, stage images ${stageImages}, verify containers ${verifyContainers}"
        }
    }

    private static final java.util.regex.Pattern DOCKER_LINE = ~/^\[INFO\] \[docker[^\]]*\] (.*)$/
    private static final java.util.regex.Pattern STEP = ~/^Step (\d+)\/(\d+) : (\S+).*$/
    private static final java.util.regex.Pattern ARROW = ~/^\s*---> (.*?)\s*$/
    private static final java.util.regex.Pattern RUNNING_IN = ~/^Running in ([0-9a-f]{12})$/
    private static final java.util.regex.Pattern IMAGE_ID = ~/^([0-9a-f]{12})$/
    // Podman's builder, through its Docker-compatible API: "[2/2] STEP 5/9: COPY ...", "--> Using cache <64 hex>",
    // "--> <11 hex>"; the step number starts again in every stage, and it names no build containers.
    // (a single-stage build has no "[1/1] " prefix)
    private static final java.util.regex.Pattern PODMAN_STEP = ~/^(?:\[(\d+)\/(\d+)\] )?STEP (\d+)\/(\d+): (\S+).*$/
    private static final java.util.regex.Pattern PODMAN_ARROW = ~/^--> (.*?)\s*$/
    private static final java.util.regex.Pattern PODMAN_IMAGE_ID = ~/^([0-9a-f]{11})$/
    private static final java.util.regex.Pattern VERIFYING = ~/^\[INFO\] Verifying \S+ in container ([0-9a-f]{12})\b.*$/

    /**
     * Reads the builder output in a Maven log. Every "--->" line must be one of the three the classic builder prints
     * (Running in / Using cache / an image id), and an image id must follow a Step: anything else fails, so that a
     * change of format cannot make the leftover checks look at nothing.
     */
    static BuildTrace parseBuildOutput(String log) {
        def trace = new BuildTrace()
        String instruction = null // of the current step, until its image id is read
        boolean fromCache = false
        String lastImage = null
        log.eachLine { String raw ->
            def verifying = VERIFYING.matcher(raw)
            if (verifying.matches()) {
                trace.verifyContainers << verifying.group(1)
                return
            }
            def docker = DOCKER_LINE.matcher(raw)
            if (!docker.matches()) {
                return
            }
            String line = docker.group(1)
            def podmanStep = PODMAN_STEP.matcher(line)
            if (podmanStep.matches()) {
                if (podmanStep.group(1) in [null, '1'] && podmanStep.group(3) == '1') {
                    trace.builds++
                    lastImage = null
                } else if (podmanStep.group(5).equalsIgnoreCase('FROM') && lastImage != null) {
                    trace.stageImages << lastImage
                }
                // Podman prints no id for a FROM: what follows belongs to a real step.
                instruction = podmanStep.group(5).toUpperCase(Locale.ROOT)
                fromCache = false
                return
            }
            def podmanArrow = PODMAN_ARROW.matcher(line)
            if (podmanArrow.matches()) {
                String what = podmanArrow.group(1)
                if (what.startsWith('Using cache ')) {
                    fromCache = true
                    return
                }
                assert PODMAN_IMAGE_ID.matcher(what).matches(): "unrecognised builder line in build.log: ${raw}"
                assert instruction != null && instruction != 'FROM': "an image id that no Step line announced in build.log: ${raw}"
                (fromCache ? trace.cachedImages : trace.createdImages) << what
                lastImage = what
                instruction = null
                fromCache = false
                return
            }
            def step = STEP.matcher(line)
            if (step.matches()) {
                if (step.group(1) == '1') {
                    trace.builds++
                    lastImage = null
                } else if (step.group(3).equalsIgnoreCase('FROM') && lastImage != null) {
                    trace.stageImages << lastImage
                }
                instruction = step.group(3).toUpperCase(Locale.ROOT)
                fromCache = false
                return
            }
            def arrow = ARROW.matcher(line)
            if (!arrow.matches()) {
                return // a step's own output, "Removing intermediate container", "Successfully built/tagged"
            }
            String what = arrow.group(1)
            def running = RUNNING_IN.matcher(what)
            if (what == 'Using cache') {
                fromCache = true
            } else if (running.matches()) {
                trace.containers << running.group(1)
            } else {
                assert IMAGE_ID.matcher(what).matches(): "unrecognised builder line in build.log: ${raw}"
                assert instruction != null: "an image id that no Step line announced in build.log: ${raw}"
                if (instruction == 'FROM') {
                    trace.baseImages << what
                } else if (fromCache) {
                    trace.cachedImages << what
                } else {
                    trace.createdImages << what
                }
                lastImage = what
                instruction = null
                fromCache = false
            }
        }
        trace
    }

    /** parseBuildOutput on a few logs whose answer is known; run by the shared setup hook before every IT. */
    static void checkParser() {
        checkStepReused()
        def ok = parseBuildOutput('''\
[INFO] Building slim-it/x:1
[INFO] [docker] Step 1/5 : FROM eclipse-temurin:17-jdk AS jlink
[INFO] [docker]  ---> 3e55322c8258
[INFO] [docker] Step 2/5 : RUN set -e;     jlink --add-modules java.base --output /opt/slim-java
[INFO] [docker]  ---> Running in 0123456789ab
[INFO] [docker] jlink says: ---> not an arrow line
[INFO] [docker] Removing intermediate container 0123456789ab
[INFO] [docker]  ---> aaaaaaaaaaaa
[INFO] [docker x] Step 3/5 : FROM gcr.io/distroless/cc-debian12
[INFO] [docker x]  ---> 9bf61acd53e4
[INFO] [docker x] Step 4/5 : COPY --from=jlink /opt/slim-java /opt/java
[INFO] [docker x]  ---> Using cache
[INFO] [docker x]  ---> bbbbbbbbbbbb
[INFO] [docker x] Step 5/5 : USER 65532
[INFO] [docker x]  ---> Running in 111111111111
[INFO] [docker x] Removing intermediate container 111111111111
[INFO] [docker x]  ---> cccccccccccc
[INFO] [docker x] Successfully built cccccccccccc
[INFO] [docker x] Successfully tagged slim-it/x:1
[INFO] Verifying slim-it/x:1 in container 222222222222: GET http://127.0.0.1:1/
[INFO]  ---> dddddddddddd
[INFO] [docker] Step 1/2 : FROM eclipse-temurin:17-jre AS jlink
[INFO] [docker]  ---> 17d107aff0b7
[INFO] [docker] Step 2/2 : RUN set -e; jlink
[INFO] [docker]  ---> Running in 333333333333
[INFO] [docker] /bin/sh: 1: jlink: not found
[ERROR] Failed to execute goal dev.slimimage:slim-maven-plugin:build
''')
        assert ok.builds == 2: ok
        assert ok.containers == ['0123456789ab', '111111111111', '333333333333'] as Set: ok
        assert ok.createdImages == ['aaaaaaaaaaaa', 'cccccccccccc'] as Set: ok
        assert ok.baseImages == ['3e55322c8258', '9bf61acd53e4', '17d107aff0b7'] as Set: ok
        assert ok.cachedImages == ['bbbbbbbbbbbb'] as Set: ok
        assert ok.stageImages == ['aaaaaaaaaaaa'] as Set: ok
        assert ok.verifyContainers == ['222222222222'] as Set: ok
        def podman = parseBuildOutput('''\
[INFO] [docker] [1/2] STEP 1/2: FROM eclipse-temurin:17-jdk AS jlink
[INFO] [docker] [1/2] STEP 2/2: RUN set -e; jlink --add-modules java.base --output /opt/slim-java
[INFO] [docker] --> Using cache cd26b6d97df58c4898de272bc84b31de8be1047307f08ce80f428ecdafbdab0d
[INFO] [docker] --> cd26b6d97df
[INFO] [docker] [2/2] STEP 1/3: FROM gcr.io/distroless/cc-debian12
[INFO] [docker] [2/2] STEP 2/3: COPY --from=jlink /opt/slim-java /opt/java
[INFO] [docker] --> 70ad051ff19
[INFO] [docker] [2/2] STEP 3/3: USER 65532
[INFO] [docker] [2/2] COMMIT slim-it/x:1
[INFO] [docker] --> e40406ba49c
[INFO] [docker] Successfully tagged docker.io/slim-it/x:1
[INFO] [docker] e40406ba49cba4a449f10d5810507fd870bc68b6efb2b660d1034cb8b7fde3cc
[INFO] [docker] Successfully built e40406ba49cb
''')
        def single = parseBuildOutput('''\
[INFO] [docker] STEP 1/3: FROM eclipse-temurin:17-jre
[INFO] [docker] STEP 2/3: COPY layers/classes/ /
[INFO] [docker] --> 4d5ca8a9df6
[INFO] [docker] STEP 3/3: USER 65532
[INFO] [docker] COMMIT docker.io/slim-it/y:1
[INFO] [docker] --> f6cbcd0c234
''')
        assert single.builds == 1 && single.createdImages == ['4d5ca8a9df6', 'f6cbcd0c234'] as Set: single
        assert podman.builds == 1: podman
        assert podman.cachedImages == ['cd26b6d97df'] as Set: podman
        assert podman.createdImages == ['70ad051ff19', 'e40406ba49c'] as Set: podman
        assert podman.stageImages == ['cd26b6d97df'] as Set: podman
        assert podman.containers.isEmpty() && podman.baseImages.isEmpty(): podman
        for (bad in ['[INFO] [docker] Step 1/1 : RUN x\n[INFO] [docker]  ---> Moved to cache 0123456789ab',
                     '[INFO] [docker] [1/1] STEP 1/2: FROM x\n[INFO] [docker] --> cd26b6d97df',
                     '[INFO] [docker]  ---> 0123456789ab']) {
            boolean refused = false
            try {
                parseBuildOutput(bad)
            } catch (AssertionError expected) {
                refused = true
            }
            assert refused: "parseBuildOutput accepted: ${bad}"
        }
    }

    BuildTrace buildTrace() { parseBuildOutput(buildLog()) }

    /** The builder output in a Maven log, without the "[INFO] [docker...] " prefix: one line per builder line. */
    static String builderOutput(String log) {
        log.readLines().collect { DOCKER_LINE.matcher(it) }.findAll { it.matches() }.collect { it.group(1) }.join('\n')
    }

    /** The build steps in a Maven log's builder output, in order: [instruction: 'COPY layers/classes/ /', cached: false]. */
    static List<Map> builderSteps(String log) {
        List<Map> steps = []
        builderOutput(log).eachLine { String line ->
            def step = STEP.matcher(line)
            def image = STEP_IMAGE.matcher(line.trim())
            if (step.matches()) {
                steps << [instruction: line.substring(line.indexOf(' : ') + 3), cached: false, image: null]
            } else if (PODMAN_STEP.matcher(line).matches()) {
                steps << [instruction: line.substring(line.indexOf(': ', line.indexOf('STEP ')) + 2), cached: false, image: null]
            } else if (line.trim() == '---> Using cache' || line.startsWith('--> Using cache ')) {
                assert !steps.isEmpty(): "'Using cache' before any step: ${log}"
                steps.last().cached = true
            } else if (image.matches() && !steps.isEmpty()) {
                steps.last().image = image.group(1)
            }
        }
        steps
    }

    /** The image a step ended with: "---> 0123456789ab" (Docker), "--> 0123456789a" (Podman). */
    private static final java.util.regex.Pattern STEP_IMAGE = ~/^-{2,3}> ([0-9a-f]{11,64})$/

    /**
     * Asserts that {@code later} started from the last build's image after its unchanged steps (the plugin's step reuse)
     * and ran only the steps from the one starting with {@code firstStep} on, that one not from the cache: the steps
     * before it (and their layers) were neither run nor sent. The caller's check that the layers are equal then tells
     * they were reused.
     */
    static void assertStartedFromLastBuild(String later, String firstStep) {
        def steps = builderSteps(later)
        assert later.contains("changed, and nothing before it: the build starts from the last build's image after its first"):
                "the build did not say it reused the last build's steps:\n${builderOutput(later)}"
        assert steps.size() > 1 && steps[0].instruction ==~ /FROM sha256:[0-9a-f]{64}/:
                "the build did not start from the last build's step image:\n${builderOutput(later)}"
        assert steps[1].instruction.startsWith(firstStep) && !steps[1].cached:
                "the first step run is not a fresh '${firstStep}...':\n${builderOutput(later)}"
    }

    /** assertStepReused on made-up builds: our chain, a parallel build's equal image, and real rebuilds. */
    static void checkStepReused() {
        def build = { String workdir, String workdirCached, String deps, String depsCached ->
            "[INFO] [docker] Step 1/3 : FROM base\n[INFO] [docker]  ---> 111111111111\n" +
                    "[INFO] [docker] Step 2/3 : COPY --chown=65532 layers/workdir/ /\n${workdirCached}[INFO] [docker]  ---> ${workdir}\n" +
                    "[INFO] [docker] Step 3/3 : COPY layers/dependencies/ /\n${depsCached}[INFO] [docker]  ---> ${deps}\n"
        }
        def cached = '[INFO] [docker]  ---> Using cache\n'
        def earlier = build('222222222222', '', '333333333333', '')
        def deps = 'COPY layers/dependencies/ /'
        assertStepReused(earlier, build('222222222222', cached, '333333333333', cached), deps, false)
        assertStepReused(earlier, build('999999999999', cached, '444444444444', ''), deps, false) // a parallel build's equal image
        for (later in [build('222222222222', cached, '444444444444', ''), build('999999999999', '', '444444444444', '')]) {
            boolean refused = false
            try {
                assertStepReused(earlier, later, deps, false)
            } catch (AssertionError expected) {
                refused = true
            }
            assert refused: "assertStepReused accepted a rebuilt layer: ${later}"
        }
    }

    /**
     * Asserts that {@code later}'s step starting with {@code prefix} came from the cache {@code earlier} left. The classic
     * builder continues on the NEWEST of the equal images a step could reuse, so when a parallel IT built the same first
     * steps after {@code earlier} (every app on the same base image shares the workdir step), {@code later} continues on
     * that IT's chain from that step on, and our cache cannot answer the steps after it. Such a step must itself have
     * come from cache; the caller's check that the layers are equal then tells the layer was reused.
     */
    static void assertStepReused(String earlier, String later, String prefix, boolean say = true) {
        def laterSteps = builderSteps(later)
        def earlierSteps = builderSteps(earlier)
        int index = laterSteps.findIndexOf { it.instruction.startsWith(prefix) }
        assert index > 0 && index < earlierSteps.size() && earlierSteps[index].instruction == laterSteps[index].instruction:
                "no step '${prefix}...' at the same place in both builds:\n${builderOutput(later)}"
        for (int i = 0; i < index; i++) {
            assert earlierSteps[i].instruction == laterSteps[i].instruction: "the builds differ before '${prefix}...' at ${laterSteps[i]}"
            assert earlierSteps[i].image && laterSteps[i].image: "no image id in the builder output: ${laterSteps[i]}"
            if (earlierSteps[i].image != laterSteps[i].image) {
                assert laterSteps[i].cached: "'${laterSteps[i].instruction}' was built again before '${prefix}...'"
                if (say) println "'${prefix}...' not checked: the builder continued at '${laterSteps[i].instruction}' on an equal image " +
                        "another build made (${laterSteps[i].image}, ours ${earlierSteps[i].image})"
                return
            }
        }
        assert laterSteps[index].cached: "'${prefix}...' was built again on the same parent: ${laterSteps[index]}"
    }

    /** The one step of {@link #builderSteps} whose instruction starts with {@code prefix}. */
    static Map builderStep(String log, String prefix) {
        def matches = builderSteps(log).findAll { it.instruction.startsWith(prefix) }
        assert matches.size() == 1: "expected one step '${prefix}...', found ${matches.size()}:\n${builderOutput(log)}"
        matches[0]
    }

    static boolean hasTag(String image) { image.substring(image.lastIndexOf('/') + 1).contains(':') }

    /** Whether the image reference {@code started} is {@code image}: the same repo:tag, or, for {@code image} without a
     * tag, any tag of that repository. */
    static boolean refersTo(String image, String started) {
        if (hasTag(image)) {
            return (hasTag(started) ? started : started + ':latest') == image
        }
        (hasTag(started) ? started.substring(0, started.lastIndexOf(':')) : started) == image
    }

    /** Whether the daemon has a container with this (short or full) id. */
    boolean containerExists(String id) { exec(['docker', 'container', 'inspect', '--format', '{{.Id}}', id]).exit == 0 }

    /** Containers labelled by slim:verify (any value) that were started from one of {@code images}. */
    Set<String> verifyContainersOf(List<String> images) {
        sh(['docker', 'ps', '-aq', '--no-trunc', '--filter', "label=${VERIFY_LABEL}".toString()]).readLines().findAll { it }.findAll { id ->
            def r = exec(['docker', 'container', 'inspect', '--format', '{{.Config.Image}}', id])
            r.exit == 0 && images.any { image -> refersTo(image, r.out.trim()) }
        } as Set
    }

    /** {@code docker image inspect}'s Parent and the step that made the image (the newest history entry). */
    String stepOf(String image) {
        def parent = exec(['docker', 'image', 'inspect', '--format', '{{.Parent}}', image])
        def history = exec(['docker', 'history', '--no-trunc', '--format', '{{.CreatedBy}}', image])
        parent.exit == 0 && history.exit == 0 ? parent.out.trim() + ' ' + history.out.readLines().find { it.trim() } : null
    }

    /** Full ids of the slim-cache/jlink tags, by tag. */
    Map<String, String> jlinkCacheTags() {
        sh(['docker', 'images', '--no-trunc', '--format', '{{.Repository}}:{{.Tag}}\t{{.ID}}', JLINK_CACHE_REPOSITORY])
                .readLines().findAll { it }.collectEntries { it.split('\t') as List }
    }

    /**
     * Our jlink stage image, dangling because a build of the same stage elsewhere (another IT linking the same modules
     * at the same time) moved the shared slim-cache/jlink tag to its own identical image. Only then is it fair for
     * our stage image to be untagged; anything else means the plugin did not keep it.
     */
    boolean displacedByIdenticalStage(String shortId, BuildTrace trace) {
        if (!(shortId in trace.stageImages)) {
            return false
        }
        String ours = stepOf(shortId)
        ours != null && ours.contains('jlink --add-modules') && jlinkCacheTags().values().any { id ->
            !id.startsWith('sha256:' + shortId) && stepOf(id) == ours
        }
    }

    /**
     * Asserts that this IT's image builds (as build.log tells) left nothing behind: no build container still exists,
     * no image they created is dangling (untagged, nothing built on it), and no container that slim:verify started
     * from one of {@code images} still exists.
     *
     * @param images this IT's image references (slim-it/<it>...; without a tag: any tag of that repository)
     * @param expectedDangling ids (12 hex) of images this IT expects to stay dangling
     * @return the trace, for asserts on what was built
     */
    BuildTrace assertNoLeftovers(List<String> images, Collection<String> expectedDangling = []) {
        images.each { assert it.startsWith('slim-it/'): "an IT's own image names start with slim-it/: ${it}" }
        def trace = buildTrace()
        println "build.log: ${trace}"
        // The builder removes its containers as it goes, slim:verify in a finally: give a slow daemon a few seconds.
        Set<String> containers = [] as Set
        for (int attempt = 0; attempt < 5; attempt++) {
            containers = (trace.containers + trace.verifyContainers).findAll { containerExists(it) } as Set
            containers += verifyContainersOf(images)
            if (containers.isEmpty()) {
                break
            }
            Thread.sleep(2000)
        }
        def danglingShort = danglingImageIds().collect { it.replaceFirst('^sha256:', '').substring(0, 12) } as Set
        def dangling = trace.createdImages.findAll { it in danglingShort && !(it in expectedDangling) }
        def displaced = dangling.findAll { displacedByIdenticalStage(it, trace) }
        displaced.each { id ->
            println "jlink stage image ${id} is untagged: an identical stage built at the same time holds its cache tag; removing ours"
            exec(['docker', 'rmi', id])
        }
        dangling -= displaced
        def details = (containers + dangling).collect { id ->
            exec(['docker', 'inspect', '--format', '{{.Id}} {{.Created}} {{if .Config}}{{.Config.Image}} {{.Config.Cmd}}{{end}}', id]).out.trim()
        }
        assert containers.isEmpty() && dangling.isEmpty():
                "left behind by this IT's builds: containers ${containers}, dangling images ${dangling}\n${details.join('\n')}"
        trace
    }

    /**
     * Writes the slim-cache/jlink tags that point at an image this IT's builds created into jlink-cache-tags.txt, for
     * src/it/remove-jlink-cache-tags.sh to remove after all ITs (see above). Call it in a finally: it must run even when
     * an assert failed. Returns the tags.
     */
    Map<String, String> recordJlinkCacheTags() {
        def created = buildTrace().createdImages
        def ours = jlinkCacheTags().findAll { tag, id -> created.any { id.startsWith('sha256:' + it) } }
        new File(basedir, JLINK_CACHE_LEDGER).text = ours.collect { tag, id -> "${tag}\t${id}\n" }.join('')
        ours
    }

    /** The lines of one stage of a Dockerfile: from its FROM line up to the next FROM. */
    List<String> dockerfileStage(String dockerfile, String fromLinePrefix) {
        def lines = dockerfile.readLines()
        int start = lines.findIndexOf { it.startsWith(fromLinePrefix) }
        assert start >= 0: "no stage starting with '${fromLinePrefix}' in:\n${dockerfile}"
        int end = lines.findIndexOf(start + 1) { it.startsWith('FROM ') }
        lines.subList(start, end < 0 ? lines.size() : end)
    }

    /** The modules of the Java runtime at {@code javaBin} inside {@code image}, from java --list-modules (no version). */
    List<String> linkedModules(String image, String javaBin = '/opt/java/bin/java') {
        def r = run(image, ['--list-modules'], ['--entrypoint', javaBin])
        assert r.exit == 0: r.out
        r.out.readLines()*.trim().findAll { it }.collect { it.split('@')[0] }.sort()
    }
}
return DockerIt
