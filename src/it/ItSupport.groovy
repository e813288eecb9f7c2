// Shared helpers for the integration tests' verify scripts: load with
//   def it = evaluate(new File(itSupport)).newInstance(basedir)
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

    /** The Dockerfile features docker-java's classic builder cannot handle or that download at build time. */
    void assertClassicDockerfile(String dockerfile) {
        assert !(dockerfile =~ /(?m)^#\s*syntax/): 'no # syntax line'
        assert !dockerfile.contains('--mount'): 'no RUN --mount'
        assert !dockerfile.contains('--chmod') && !dockerfile.contains('--link'): 'no BuildKit COPY flags'
        assert !dockerfile.contains('<<'): 'no heredocs'
        assert !(dockerfile =~ /(?i)\b(curl|wget|apt-get|apk|yum|dnf|mvn)\b/): 'no step downloads anything'
    }
}
return DockerIt
