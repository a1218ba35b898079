# shellcheck shell=bash
# Where LAVA boots testvisor (sourced by tests/lava/gen-job.sh): per architecture and board,
# the device type, the job context and the deploy and boot actions. `qemu` is LAVA's qemu
# device type with the runner's machine, CPU and firmware (tests/qemu/<arch>.sh); the
# others are templates for real boards (docs/lava.md).

# The boards of each architecture. s390x has no real board: LAVA has no device type for an
# LPAR or a z/VM guest (docs/lava.md).
declare -gA LAVA_BOARDS=(
  [x86_64]="qemu uefi-usb pxe"
  [arm64]="qemu uefi-usb"
  [riscv64]="qemu u-boot opensbi-fw-payload"
  [s390x]="qemu"
)

board_known() {
  local arch=$1 board=$2
  case " ${LAVA_BOARDS[$arch]:-} " in
    *" $board "*) return 0 ;;
  esac
  echo "lava: no board '$board' for $arch (boards: ${LAVA_BOARDS[$arch]:-none})" >&2
  [ "$arch" = s390x ] &&
    echo "lava: LAVA has no device type for s390x hardware (LPAR, z/VM); only the qemu job exists" >&2
  return 1
}

board_describe() {
  case $1/$2 in
    */qemu) echo "LAVA's qemu device type (the runner's machine and firmware)" ;;
    */uefi-usb) echo "a UEFI board booting the make image disk from a USB stick the lab writes" ;;
    x86_64/pxe) echo "an x86 board that network-boots iPXE (BIOS), testvisor as a multiboot kernel" ;;
    riscv64/u-boot) echo "a RISC-V board with OpenSBI and U-Boot, testvisor.bin fetched by TFTP and started with booti" ;;
    riscv64/opensbi-fw-payload) echo "a RISC-V board whose firmware is OpenSBI's fw_payload with testvisor as the payload" ;;
  esac
}

board_device_type() {
  case $1/$2 in
    */qemu) echo qemu ;;
    x86_64/pxe) echo x86 ;;
    *) echo "$2-board  # the lab's device type for this board" ;;
  esac
}

# The job context the qemu device type renders its command line from (LAVA's qemu.jinja2:
# command qemu-system-<arch>, then -cpu/-machine, -nographic, a NIC, -m, -monitor none,
# then extra_options). No KVM: testvisor needs the CPU QEMU emulates (SVM, EL2, H, SIE-less).
board_context() {
  local arch=$1 board=$2
  if [ "$board" != qemu ]; then
    case $arch/$board in
      riscv64/u-boot) printf 'context:\n  kernel_start_message: "testvisor"\n' ;;
    esac
    return 0
  fi
  echo "context:"
  echo "  arch: $arch"
  echo "  no_kvm: true"
  case $arch in
    x86_64)
      echo "  memory: 512"
      echo "  extra_options: ['-M q35', '-cpu max', '-no-reboot', '-device isa-debug-exit,iobase=0xf4,iosize=4']" ;;
    arm64)
      echo "  cpu: max"
      echo "  machine: virt,virtualization=on,gic-version=3"
      echo "  memory: 512" ;;
    riscv64)
      # The runner's CPU (tests/qemu/riscv64.sh) and QEMU's bundled OpenSBI.
      (. tests/qemu/riscv64.sh; echo "  cpu: '$RISCV64_CPU'")
      echo "  machine: virt"
      echo "  memory: 256"
      echo "  extra_options: ['-bios default']" ;;
    s390x)
      # qemu.jinja2 has no s390x branch of its own: qemu-system-s390x comes from its list
      # of qemu-system-misc architectures, the machine and CPU from extra_options.
      echo "  memory: 256"
      echo "  extra_options: ['-M s390-ccw-virtio', '-cpu qemu', '-action panic=exit-failure']" ;;
  esac
}

# The image each board boots, relative to build/<arch>/.
board_image() {
  case $1/$2 in
    arm64/qemu) echo testvisor.bin ;;
    */qemu) echo testvisor.elf ;;
    */uefi-usb) echo testvisor-efi.img ;;
    x86_64/pxe) echo testvisor.elf ;;
    riscv64/u-boot) echo testvisor.bin ;;
    riscv64/opensbi-fw-payload) echo fw_payload.bin ;;
  esac
}

# The deploy and boot actions ($3: where the images are, a URL without the file name).
board_deploy_boot() {
  local arch=$1 board=$2 url=$3 image
  image="$url/$(board_image "$arch" "$board")"
  case $board in
    qemu)
      cat <<EOF
- deploy:
    to: tmpfs
    images:
      kernel:
        image_arg: '-kernel {kernel}'
        url: $image
- boot:
    method: qemu
    media: tmpfs
    timeout: {minutes: 2}
EOF
      ;;
    uefi-usb|opensbi-fw-payload)
      # The lab's flasher_deploy_commands (device dictionary) write the image: to a USB
      # stick through an SD/USB mux for uefi-usb, to the board's firmware flash for
      # fw_payload (built by the lab from OpenSBI with FW_PAYLOAD_PATH=testvisor.bin).
      # Then power on and read the console.
      cat <<EOF
- deploy:
    to: flasher
    timeout: {minutes: 10}
    images:
      image:
        url: $image
- boot:
    method: minimal
    timeout: {minutes: 5}
EOF
      ;;
    pxe)
      cat <<EOF
- deploy:
    to: tftp
    timeout: {minutes: 5}
    kernel:
      url: $image
- boot:
    method: ipxe
    timeout: {minutes: 5}
    parameters: {kernel-start-message: "testvisor"}
    commands:
    - dhcp net0
    - kernel tftp://{SERVER_IP}/{KERNEL}
    - boot
EOF
      ;;
    u-boot)
      cat <<EOF
- deploy:
    to: tftp
    timeout: {minutes: 5}
    kernel:
      url: $image
      type: image
- boot:
    method: u-boot
    timeout: {minutes: 5}
    commands:
    - setenv autoload no
    - dhcp
    - setenv serverip {SERVER_IP}
    - tftp {KERNEL_ADDR} {KERNEL}
    - booti {KERNEL_ADDR} - \${fdtcontroladdr}
EOF
      ;;
  esac
}
