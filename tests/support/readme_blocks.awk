# readme_blocks.awk: the fenced blocks of a Markdown file, in order, each
# to DIR/NNN.sh, NNN.text or NNN.other by its language, so that a test can
# run the sh blocks as written and compare what they print with the text
# block that follows. With section set ("### IANA registered a new code"),
# only the blocks under that heading, up to the next heading.
# Usage: awk -v dir=DIR [-v section=HEADING] -f readme_blocks.awk FILE
section != "" && /^#/ && !open { inside = ($0 == section); next }
section != "" && !inside { next }
/^```/ && open { open = 0; next }
/^```/ {
    n++
    kind = substr($0, 4)
    if (kind != "sh" && kind != "text")
        kind = "other"
    file = sprintf("%s/%03d.%s", dir, n, kind)
    printf "" > file
    open = 1
    next
}
open { print > file }
