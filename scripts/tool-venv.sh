# Sourced by scripts that need pinned Python tools: `tool_venv NAME COMMAND REQUIREMENT` prints the
# path of the virtualenv target/venvs/NAME, made once per target folder with REQUIREMENT
# installed (COMMAND is the executable whose presence says it is ready).
tool_venv() {
    local venv="${CARGO_TARGET_DIR:-$root/target}/venvs/$1"
    if [ ! -x "$venv/bin/$2" ]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --upgrade pip
        "$venv/bin/pip" install --quiet "$3"
    fi
    echo "$venv"
}
