// invoker.properties points invoker.mavenExecutable at Debian's Maven 3.8; say so plainly when it is missing.
def mvn = new File('/usr/share/maven/bin/mvn')
assert mvn.canExecute(): "${mvn} is missing: this IT needs Debian's Maven 3.8 (apt-get install maven)"
return true
