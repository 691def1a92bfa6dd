// Consistent Overhead Byte Stuffing: removes every 0x00 from a frame so that 0x00 can delimit frames.
// A receiver that joins mid-stream, or loses bytes, resynchronises at the next 0x00.

export function cobsEncode(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(input.length + Math.ceil(input.length / 254) + 1);
  let codeIndex = 0;
  let code = 1;
  let o = 1;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i]!;
    if (byte === 0) {
      out[codeIndex] = code;
      codeIndex = o++;
      code = 1;
    } else {
      out[o++] = byte;
      code++;
      if (code === 0xff) {
        out[codeIndex] = code;
        codeIndex = o++;
        code = 1;
      }
    }
  }
  out[codeIndex] = code;
  return out.subarray(0, o);
}

/** Returns the decoded bytes, or null when the input is not valid COBS (a zero byte, or a code past the end). */
export function cobsDecode(input: Uint8Array): Uint8Array | null {
  const out = new Uint8Array(input.length);
  let i = 0;
  let o = 0;
  while (i < input.length) {
    const code = input[i]!;
    if (code === 0) return null;
    const end = i + code;
    if (end > input.length) return null;
    for (let j = i + 1; j < end; j++) {
      const byte = input[j]!;
      if (byte === 0) return null;
      out[o++] = byte;
    }
    i = end;
    if (code !== 0xff && i < input.length) out[o++] = 0;
  }
  return out.subarray(0, o);
}
