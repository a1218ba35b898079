# Manifest reader (sourced). Reads every tests/manifest/*.cfg: INI sections, one per test,
# "key = value" lines, '#' comments. An entry's id is "<arch>/<name>"; its arch defaults
# to the file's name (x86_64.cfg -> x86_64).
MANIFEST_DIR=${MANIFEST_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../manifest" && pwd)}
declare -gA MANIFEST=()
declare -ga MANIFEST_IDS=()
declare -gA M=()

# Every key an entry may have (tests/README.md says what each means). Anything else is a
# mistake (a typo would otherwise be ignored silently) and stops the run.
MANIFEST_KEYS="arch file args standalone_args guest_args config qemu standalone_qemu guest_qemu
  modes timeout groups kfail compare builtin require expect guest_log_match guest_image initrd standalone_image"
# Keys whose value is one of a few words.
declare -gA MANIFEST_VALUES=([compare]="yes no" [builtin]="yes no" [require]="virt none"
  [expect]="pass skip" [guest_image]="elf bin bzimage" [standalone_image]="elf bin")

# manifest_check_key <file> <section> <key> <value>: complains and fails on a key or value
# the manifest format does not know.
manifest_check_key() {
  local f=$1 section=$2 key=$3 val=$4 k
  for k in $MANIFEST_KEYS; do
    [ "$k" = "$key" ] && break
  done
  if [ "$k" != "$key" ]; then
    echo "manifest: $f: [$section]: unknown key '$key' (valid keys: $(echo $MANIFEST_KEYS))" >&2
    return 1
  fi
  if [ -n "${MANIFEST_VALUES[$key]:-}" ] && ! in_word_list "$val" "${MANIFEST_VALUES[$key]}"; then
    echo "manifest: $f: [$section]: $key = '$val' is not one of: ${MANIFEST_VALUES[$key]}" >&2
    return 1
  fi
}
in_word_list() { case " $2 " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

manifest_parse() {
  local f name="" arch_default arch key val line lineno id comments
  MANIFEST=()
  MANIFEST_IDS=()
  for f in "$MANIFEST_DIR"/*.cfg; do
    [ -e "$f" ] || continue
    arch_default=$(basename "$f" .cfg)
    name=""
    lineno=0
    comments=""
    while IFS= read -r line || [ -n "$line" ]; do
      lineno=$((lineno + 1))
      # An entry's comments: the block above its header and those inside it.
      [[ $line =~ ^[[:space:]]*# ]] && comments="$comments $line"
      line=${line%%#*}
      line=${line%"${line##*[![:space:]]}"}
      line=${line#"${line%%[![:space:]]*}"}
      [ -z "$line" ] && continue
      if [[ $line =~ ^\[([A-Za-z0-9_.+-]+)\]$ ]]; then
        name=${BASH_REMATCH[1]}
        id="$arch_default/$name"
        MANIFEST["$id|name"]=$name
        MANIFEST["$id|arch"]=$arch_default
        MANIFEST["$id|.file"]=$f
        MANIFEST["$id|.comments"]=$comments
        comments=""
        MANIFEST_IDS+=("$id")
        continue
      fi
      if [[ $line =~ ^([a-z_]+)[[:space:]]*=[[:space:]]*(.*)$ ]] && [ -n "$name" ]; then
        key=${BASH_REMATCH[1]}
        val=${BASH_REMATCH[2]}
        manifest_check_key "$f" "$name" "$key" "$val" || return 1
        MANIFEST["$id|$key"]=$val
        MANIFEST["$id|.comments"]+=$comments
        comments=""
        continue
      fi
      echo "manifest: $f:$lineno: cannot parse: $line" >&2
      return 1
    done < "$f"
  done
  for id in "${MANIFEST_IDS[@]}"; do
    if [ "${MANIFEST["$id|expect"]:-}" = skip ] && [ "${MANIFEST["$id|require"]:-}" = virt ]; then
      echo "manifest: ${MANIFEST["$id|.file"]}: [${id#*/}]: expect = skip contradicts require = virt" >&2
      return 1
    fi
    # Results that may differ between modes are a claim that needs its reason.
    if [ "${MANIFEST["$id|compare"]:-}" = no ] && [[ ${MANIFEST["$id|.comments"]} != *compar* ]]; then
      echo "manifest: ${MANIFEST["$id|.file"]}: [${id#*/}]: compare = no needs a comment in the entry saying why standalone and guest results differ (# compare = no: <why>)" >&2
      return 1
    fi
  done
}

# Prints the ids of every entry, in file order.
manifest_entries() {
  [ ${#MANIFEST_IDS[@]} -gt 0 ] || manifest_parse || return 1
  printf '%s\n' "${MANIFEST_IDS[@]}"
}

# Fills the associative array M with entry $1's keys and the defaults.
manifest_load_entry() {
  local id=$1 k
  [ ${#MANIFEST_IDS[@]} -gt 0 ] || manifest_parse
  M=()
  for k in name $MANIFEST_KEYS; do
    M[$k]=${MANIFEST["$id|$k"]:-}
  done
  M[id]=$id
  M[file]=${M[file]:-${M[name]}}
  M[modes]=${M[modes]:-standalone guest}
  M[timeout]=${M[timeout]:-30}
  M[compare]=${M[compare]:-yes}
  # Every mode that boots testvisor needs a CPU that can run guests, unless the entry
  # exists to show what happens without one (expect = skip).
  M[expect]=${M[expect]:-pass}
  if [ "${M[expect]}" = skip ]; then M[require]=${M[require]:-none}; else M[require]=${M[require]:-virt}; fi
}

# Joins non-empty words with one blank.
manifest_join() {
  local out="" w
  for w in "$@"; do
    [ -n "$w" ] && out="${out:+$out }$w"
  done
  printf '%s' "$out"
}
