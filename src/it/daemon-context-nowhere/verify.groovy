def support = evaluate(new File(itSupport)).newInstance(basedir)
def failure = support.goalFailure()
assert failure.contains('No Docker daemon answered at tcp://127.0.0.1:1 with TLS (certificates in /var/lib/slim-remote-docker/docker-config/contexts/tls/'): failure
assert failure.contains('chosen by the Docker context \'slim-nowhere\' (DOCKER_CONTEXT): start it, or point the plugin at a running daemon with DOCKER_HOST, a Docker context (docker context use) or -Dslim.dockerHost='): failure
assert failure =~ /Connection refused/: failure
assert !failure.contains('Exception'): 'one sentence without the library exception: ' + failure
assert !support.buildLog().contains('[INFO] Docker daemon:'): 'no other daemon was used'
assert !new File(basedir, 'target/slim/report.json').exists()
return true
