#!/usr/bin/env bash
# Kotlin/JVM artifacts in a fresh environment: the jar, sources, javadoc and pom (built with the
# dev profile, for CI's time) are installed by coordinates into a private Maven repository, then a
# consumer project (kotlin/smoke) depending on io.github.ucs-sdk:ucs-sdk compiles and runs with
# cargo and rustup off PATH and no library property: the native library must come out of the jar.
# It starts `ucs emulator`, registers a cluster and a fleet, lists clusters, checks NotFound.
. "$(dirname "$0")/smoke-common.sh"
work="$(smoke_work kotlin)"
echo "smoke: building the Kotlin artifacts (dev profile)" >&2
PROFILE=dev DIST="$work/dist" bash scripts/package.sh kotlin
repo="$root"
. scripts/ucs-bin.sh
dist="$work/dist/kotlin"
version="$(basename "$(ls "$dist"/ucs-sdk-*.pom)" .pom)"
version="${version#ucs-sdk-}"

# The private local repository is filled from the user's ~/.m2 as a file repository first (no
# download of what is already there), Maven Central after it for anything missing.
seed="${HOME}/.m2/repository"
cat > "$work/settings.xml" <<XML
<settings>
  <profiles>
    <profile>
      <id>seed</id>
      <repositories><repository><id>seed</id><url>file://$seed</url></repository></repositories>
      <pluginRepositories><pluginRepository><id>seed</id><url>file://$seed</url></pluginRepository></pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>seed</activeProfile></activeProfiles>
</settings>
XML

cp -r kotlin/smoke "$work/consumer"
(
    export PATH="$no_rust_path"
    unset LD_LIBRARY_PATH JAVA_TOOL_OPTIONS MAVEN_OPTS
    assert_no_rust
    mvn_args=(-B -q -s "$work/settings.xml" -Dmaven.repo.local="$work/m2")
    mvn "${mvn_args[@]}" org.apache.maven.plugins:maven-install-plugin:2.4:install-file \
        -Dfile="$dist/ucs-sdk-$version.jar" -DpomFile="$dist/ucs-sdk-$version.pom" \
        -Dsources="$dist/ucs-sdk-$version-sources.jar" -Djavadoc="$dist/ucs-sdk-$version-javadoc.jar"
    installed="$work/m2/io/github/ucs-sdk/ucs-sdk/$version"
    for f in "ucs-sdk-$version.jar" "ucs-sdk-$version.pom" "ucs-sdk-$version-sources.jar" "ucs-sdk-$version-javadoc.jar"; do
        [ -f "$installed/$f" ] || { echo "smoke: $f was not installed" >&2; exit 1; }
    done
    cd "$work/consumer"
    mvn "${mvn_args[@]}" -Ducs.version="$version" compile exec:exec \
        -Dsmoke.repository="$work/m2" -Dsmoke.forbidden="$target_dir/debug"
)
