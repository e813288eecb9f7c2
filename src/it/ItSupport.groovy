// Shared helpers for the integration tests' hook scripts: load with
//   def support = evaluate(new File(itSupport)).newInstance(basedir)
// (not "it": that is Groovy's implicit closure parameter).
import groovy.json.JsonSlurper

class DockerIt {
    final File basedir

    DockerIt(File basedir) { this.basedir = basedir }

    /** Runs a command, returns [exit: n, out: stdout+stderr]. */
    Map exec(List<String> cmd, File dir = basedir) {
        def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir).redirectErrorStream(true)
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

    Map report(String dir = 'target/slim') { new JsonSlurper().parse(new File(basedir, "${dir}/report.json")) as Map }

    Map inspect(String image) { (new JsonSlurper().parse(sh(['docker', 'image', 'inspect', image]).bytes) as List)[0] as Map }

    boolean imageExists(String image) { exec(['docker', 'image', 'inspect', image]).exit == 0 }

    /** docker run --rm, returning [exit, out]. */
    Map run(String image, List<String> args = [], List<String> options = []) {
        exec(['docker', 'run', '--rm'] + options + [image] + args)
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

    /** Removes images by reference or id; missing ones are fine. */
    void removeImages(List<String> refs) {
        refs.each { exec(['docker', 'rmi', '-f', it]) }
    }

    /** Ids of stopped containers / dangling images, to prove a test left none behind. */
    Set<String> containerIds() { sh(['docker', 'ps', '-aq', '--no-trunc']).readLines().findAll { it } as Set }
    Set<String> danglingImageIds() { sh(['docker', 'images', '-q', '--no-trunc', '-f', 'dangling=true']).readLines().findAll { it } as Set }

    // ---- Added for the error-case and file-safety ITs ----------------------------------------------

    static final String DOCKER_STATE_FILE = 'docker-state-before.json'

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

    /** Records all container ids and dangling image ids in basedir, for {@link #assertNoDockerLeftovers}. */
    void recordDockerState() {
        new File(basedir, DOCKER_STATE_FILE).text = groovy.json.JsonOutput.toJson(
                [containers: containerIds().sort(), danglingImages: danglingImageIds().sort(), jlinkCacheTags: jlinkCacheTags().sort()])
    }

    /** Stopped (created, exited, dead) containers among {@code ids}; ones removed meanwhile are skipped. */
    Set<String> stopped(Set<String> ids) {
        ids.findAll { id ->
            def r = exec(['docker', 'inspect', '--format', '{{.State.Running}}', id])
            r.exit == 0 && r.out.trim() == 'false'
        } as Set
    }

    /**
     * Asserts that no stopped container and no dangling image appeared since {@link #recordDockerState}. The daemon
     * may be shared with other builds, so a newcomer only counts if it is still there after a few seconds.
     */
    void assertNoDockerLeftovers() {
        def before = new JsonSlurper().parse(new File(basedir, DOCKER_STATE_FILE)) as Map
        Set<String> newContainers = [] as Set
        Set<String> newDangling = [] as Set
        for (int attempt = 0; attempt < 6; attempt++) {
            newContainers = stopped(containerIds() - (before.containers as Set))
            newDangling = danglingImageIds() - (before.danglingImages as Set)
            if (newContainers.isEmpty() && newDangling.isEmpty()) {
                return
            }
            Thread.sleep(2000)
        }
        def details = (newContainers + newDangling).collect { exec(['docker', 'inspect', '--format',
                '{{.Id}} {{.Created}} {{if .Config}}{{.Config.Image}} {{.Config.Cmd}}{{end}}', it]).out.trim() }
        assert newContainers.isEmpty() && newDangling.isEmpty():
                "left behind: stopped containers ${newContainers}, dangling images ${newDangling}\n${details.join('\n')}"
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

    // ---- Added for the runtime=jlink ITs -----------------------------------------------------------

    /**
     * Ids of untagged images that a jlink stage left: the classic builder keeps the last image of every earlier stage
     * (it is the layer cache of the linked runtime), and it shows up as dangling.
     */
    Set<String> jlinkStageImages() {
        danglingImageIds().findAll { id ->
            // The newest history entry is the step that made the image (newer daemons drop ContainerConfig from inspect).
            def r = exec(['docker', 'history', '--no-trunc', '--format', '{{.CreatedBy}}', id])
            r.exit == 0 && r.out.readLines().find { it.trim() }?.contains('jlink --add-modules')
        } as Set
    }

    /** The plugin tags each jlink stage it builds as slim-cache/jlink:<hash>, so that it is kept as cache. */
    Set<String> jlinkCacheTags() {
        sh(['docker', 'images', 'slim-cache/jlink', '--format', '{{.Repository}}:{{.Tag}}']).readLines().findAll { it } as Set
    }

    /** Removes the jlink stage images that appeared since {@link #recordDockerState}; older ones are not this test's. */
    void removeNewJlinkStageImages() {
        def before = new JsonSlurper().parse(new File(basedir, DOCKER_STATE_FILE)) as Map
        removeImages((jlinkStageImages() - (before.danglingImages as Set)) as List)
        removeImages((jlinkCacheTags() - ((before.jlinkCacheTags ?: []) as Set)) as List)
    }

    /** Like {@link #assertNoDockerLeftovers}, for containers only (a jlink build keeps its stage image as cache). */
    void assertNoContainerLeftovers() {
        def before = new JsonSlurper().parse(new File(basedir, DOCKER_STATE_FILE)) as Map
        Set<String> newContainers = [] as Set
        for (int attempt = 0; attempt < 6; attempt++) {
            newContainers = stopped(containerIds() - (before.containers as Set))
            if (newContainers.isEmpty()) {
                return
            }
            Thread.sleep(2000)
        }
        def details = newContainers.collect { exec(['docker', 'inspect', '--format',
                '{{.Id}} {{.Created}} {{.Config.Image}} {{.Config.Cmd}}', it]).out.trim() }
        assert newContainers.isEmpty(): "left behind: stopped containers ${newContainers}\n${details.join('\n')}"
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
