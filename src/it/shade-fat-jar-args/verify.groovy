def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/shade-fat-jar-args:1.0.0'
try {
    def fat = new File(basedir, 'target/shade-fat-jar-args-1.0.0-fat.jar')
    assert fat.isFile() && new File(basedir, 'target/shade-fat-jar-args-1.0.0.jar').isFile(): 'shade wrote -fat.jar beside the thin jar'
    def log = support.buildLog()
    assert log.contains('shaded (uber) jar, main class com.example.fat.Launcher'): 'the fat jar is analysed, not the thin one'
    assert log.contains("  default arguments (CMD): run com.example.fat.Verticle --conf 'a b.json' -Dlist=a,b")

    def args = ['run', 'com.example.fat.Verticle', '--conf', 'a b.json', '-Dlist=a,b']
    def config = support.inspect(image).Config
    assert config.Cmd == args: "the property is split as a shell splits it, not on commas: ${config.Cmd}"
    assert config.Entrypoint == ['java', '-XX:MaxRAMPercentage=75', '-cp', '/app/classes:/app/shaded/libraries.jar', 'com.example.fat.Launcher']

    // docker run IMAGE: the default arguments; with arguments of its own they replace them.
    def plain = support.run(image)
    assert plain.exit == 0: plain.out
    assert plain.out.contains('fat args: run|com.example.fat.Verticle|--conf|a b.json|-Dlist=a,b'): plain.out
    assert plain.out.contains('fat json: 5'): plain.out
    def replaced = support.run(image, ['x', 'y'])
    assert replaced.exit == 0 && replaced.out.contains('fat args: x|y') && !replaced.out.contains('Verticle'): replaced.out

    // verify ran the image with them (verifyOutput would not be printed without).
    assert log.contains("Verified ${image}.")
    support.assertNoLeftovers([image])
    return true
} finally {
    if (support.imageExists(image)) {
        support.removeContainersOf(image)
    }
    support.removeImages([image])
}
