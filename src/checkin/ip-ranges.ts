import { BlockList, isIP } from "node:net";

/** Parses an activity's allowed ranges ("10.0.0.0/8, 2001:db8::/32, 192.168.1.5"); throws naming the bad entry. */
export function parseIpRanges(text: string): BlockList {
  const list = new BlockList();
  for (const raw of text.split(/[\s,;]+/).filter(Boolean)) {
    const [addr = "", bits] = raw.split("/");
    const family = isIP(addr);
    if (family === 0) throw new Error(`not an IP address: ${raw}`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(addr, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32))
        throw new Error(`bad prefix: ${raw}`);
      list.addSubnet(addr, prefix, type);
    }
  }
  return list;
}

/** True when no ranges are set, or the address is inside one of them (IPv4-mapped IPv6 counts as IPv4). */
export function isIpAllowed(ranges: BlockList | null, ip: string): boolean {
  if (!ranges) return true;
  const plain = ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(plain);
  if (family === 0) return false;
  return ranges.check(plain, family === 6 ? "ipv6" : "ipv4");
}
