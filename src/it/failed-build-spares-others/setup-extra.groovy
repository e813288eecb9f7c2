// An image that ANOTHER client makes dangling while this IT's build runs (and then fails) must survive: after a failed
// build the plugin may remove what its own build left, not every image that became dangling meanwhile.
//
// Made here (verify.groovy removes all of it):
//   slim-it/failed-build-spares-others-builder:1   eclipse-temurin:17-jre with a jlink where the generated jlink stage
//       calls it (`command -v jlink`: $JAVA_HOME/bin, first on PATH) that sleeps 6 s, then exits 3
//   slim-it/failed-build-spares-others-victim:1    the victim; its id goes into victim.json
//   slim-it/failed-build-spares-others-victim:other   the image the victim's tag is moved to
// and a thread that waits until a build container of the slow builder runs (the plugin's jlink step has started),
// then moves victim:1 to the other image: the victim's id is dangling from then on, made so by someone other than the
// plugin, during the plugin's build. What it did goes into retag.json.
import groovy.json.JsonOutput

def builder = 'slim-it/failed-build-spares-others-builder:1'
def victim = 'slim-it/failed-build-spares-others-victim:1'
def other = 'slim-it/failed-build-spares-others-victim:other'
def run = UUID.randomUUID().toString()

support.removeImages([victim, other, builder])
support.dockerBuild(builder, '''\
FROM eclipse-temurin:17-jre
RUN set -e; test -n "$JAVA_HOME"; test ! -e "$JAVA_HOME/bin/jlink"; \\
    printf '#!/bin/sh\\necho "slow failing jlink: sleeping 6 s, then exit 3" >&2\\nsleep 6\\nexit 3\\n' > "$JAVA_HOME/bin/jlink"; \\
    chmod 755 "$JAVA_HOME/bin/jlink"; \\
    test "$(command -v jlink)" = "$JAVA_HOME/bin/jlink"
''')
def victimId = support.dockerBuild(victim, "FROM eclipse-temurin:17-jre\nLABEL slim-it.victim=\"original ${run}\"\n")
def otherId = support.dockerBuild(other, "FROM eclipse-temurin:17-jre\nLABEL slim-it.victim=\"other ${run}\"\n")
assert victimId != otherId
new File(basedir, 'victim.json').text = JsonOutput.toJson([victimId: victimId, otherId: otherId])

def retag = new File(basedir, 'retag.json')
retag.delete()
def watcher = new Thread({
    def result = [retagged: false]
    try {
        long deadline = System.currentTimeMillis() + 300_000
        while (System.currentTimeMillis() < deadline) {
            def running = support.sh(['docker', 'ps', '-q', '--filter', "ancestor=${builder}".toString()]).trim()
            if (running) {
                support.sh(['docker', 'tag', other, victim])
                result = [retagged: true, buildContainers: running.readLines(),
                          victimDangling: victimId in support.danglingImageIds(),
                          buildContainerStillRunning: support.exec(['docker', 'container', 'inspect', '--format', '{{.State.Running}}',
                                                                    running.readLines()[0]]).out.trim() == 'true']
                break
            }
            Thread.sleep(200)
        }
    } catch (Throwable t) {
        result.error = t.toString()
    } finally {
        retag.text = JsonOutput.toJson(result)
    }
}, 'failed-build-spares-others: retag the victim')
watcher.daemon = true
watcher.start()
return true
