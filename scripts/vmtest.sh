#!/usr/bin/env bash
# vmtest.sh BINARY [ARGS...]: run BINARY ARGS inside a throwaway VM whose
# kernel is Debian's stock one and whose cgroup hierarchy is v2 (unified),
# and exit with BINARY's exit status. It works as `go test -exec`:
#
#   go test -exec scripts/vmtest.sh ./sandbox -run TestEngineCompromised
#
# What it does, each step cached where it can be:
#   1. installs qemu-system-x86, busybox-static, cpio and xz-utils if missing
#      (Debian packages; needs root the first time);
#   2. resolves linux-image-amd64 to its kernel package, downloads it with
#      `apt-get download` and unpacks only ./boot into a cache folder (never
#      installs it), then decompresses the kernel once so qemu can boot it
#      directly (PVH entry, about twice as fast);
#   3. builds an initramfs: busybox, an /init that mounts proc, sys, devtmpfs,
#      tmpfs and cgroup2 (enabling +memory +pids +cpu), the binary, and the
#      directory named by $CODEXEC_TEST_BIN (the runner and supervisor);
#   4. boots it with no network, and maps the status the guest reports
#      through the isa-debug-exit device back to BINARY's exit status.
#
# Environment: CODEXEC_TEST_BIN (copied in and set in the guest),
# CODEXEC_VM_MEM (MiB, default 1024), CODEXEC_VM_TIMEOUT (s, default 900),
# CODEXEC_VM_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/codexec/vm),
# CODEXEC_VM_ENV (extra NAME=VALUE pairs for the guest, space-separated).
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BINARY [ARGS...]" >&2
  exit 2
fi
bin=$(readlink -f "$1")
shift

log() { echo "vmtest: $*" >&2; }

# 1. Tools.
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
[ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx poweroff || need+=(busybox-static)
command -v cpio >/dev/null || need+=(cpio)
command -v xz >/dev/null || need+=(xz-utils)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends "${need[@]}" >/dev/null; }
fi

# 2. The kernel, cached by version.
cache=${CODEXEC_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/codexec/vm}
mkdir -p "$cache"
pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
if [ -z "$pkg" ]; then
  apt-get update >/dev/null 2>&1 || true
  pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
fi
[ -n "$pkg" ] || { log "cannot resolve linux-image-amd64 to a kernel package"; exit 1; }
kdir="$cache/$pkg"
kernel="$kdir/vmlinux"
if [ ! -s "$kernel" ]; then
  log "fetching $pkg (cached in $kdir)"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download "$pkg" >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && apt-get download "$pkg" >/dev/null; })
  dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" ./boot
  vmlinuz=$(ls "$tmp"/boot/vmlinuz-*)
  mkdir -p "$kdir"
  # The bzImage holds an xz stream; unpack it into an ELF qemu boots via
  # PVH. xz exits 1 on the data after the stream although its output is
  # complete, so judge by the output.
  off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$vmlinuz" | head -1 | cut -d: -f1 || true)
  if [ -n "$off" ]; then
    tail -c +$((off + 1)) "$vmlinuz" | xz -dc >"$kdir/vmlinux.tmp" 2>/dev/null || true
  fi
  if [ -s "$kdir/vmlinux.tmp" ] && [ "$(head -c 4 "$kdir/vmlinux.tmp" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then
    mv "$kdir/vmlinux.tmp" "$kernel"
  else
    log "could not decompress the kernel; booting the compressed image"
    rm -f "$kdir/vmlinux.tmp"
    cp "$vmlinuz" "$kernel"
  fi
  rm -rf "$tmp"
fi

# 3. The initramfs.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,run,etc,codexec/bin}
cp /bin/busybox "$root/bin/busybox"
for app in $("$root/bin/busybox" --list); do
  [ -e "$root/bin/$app" ] || ln -s busybox "$root/bin/$app"
done
cp "$bin" "$root/codexec/test"
if [ -n "${CODEXEC_TEST_BIN:-}" ] && [ -d "$CODEXEC_TEST_BIN" ]; then
  cp -r "$CODEXEC_TEST_BIN"/. "$root/codexec/bin/"
fi
args=""
for a in "$@"; do args="$args '${a//\'/\'\\\'\'}'"; done
cat >"$root/init" <<EOF
#!/bin/sh
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
mount -t tmpfs run /run
mount -t cgroup2 cgroup2 /sys/fs/cgroup
echo "+memory +pids +cpu" > /sys/fs/cgroup/cgroup.subtree_control
ip link set lo up
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > /etc/passwd
echo "vmtest: kernel \$(uname -r), cgroup2 controllers: \$(cat /sys/fs/cgroup/cgroup.subtree_control)"
export HOME=/tmp TMPDIR=/tmp CODEXEC_TEST_BIN=/codexec/bin CODEXEC_EXPECT_CGROUP=v2 ${CODEXEC_VM_ENV:-}
cd /tmp
/codexec/test $args
status=\$?
echo "vmtest: exit status \$status"
printf "\\\\\$(printf %03o \$status)" | dd of=/dev/port bs=1 seek=244 count=1 2>/dev/null
poweroff -f
EOF
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet) >"$work/initramfs.cpio"

# 4. Boot.
# Software emulation by default: a /dev/kvm that exists is not always one
# that works (nested virtualisation failed here with "emulation failure").
accel="-accel ${CODEXEC_VM_ACCEL:-tcg} -cpu max"
set +e
timeout "${CODEXEC_VM_TIMEOUT:-900}" qemu-system-x86_64 $accel -nographic -no-reboot \
  -m "${CODEXEC_VM_MEM:-1024}" -smp 2 -nic none \
  -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
  -kernel "$kernel" -initrd "$work/initramfs.cpio" \
  -append 'console=ttyS0 panic=-1 quiet loglevel=3' </dev/null |
  tr -d '\r' | sed -u -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1bc//g; /^SeaBIOS /d; s/^Booting from ROM\.\.//'
qs=${PIPESTATUS[0]}
set -e
if [ "$qs" -eq 124 ]; then
  log "the VM did not finish within ${CODEXEC_VM_TIMEOUT:-900} s"
  exit 1
fi
if [ $((qs & 1)) -ne 1 ]; then
  log "the guest ended without reporting a status (qemu exit $qs: a kernel panic or a crash)"
  exit 1
fi
exit $(((qs - 1) / 2))
