package io.strata.ceph;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The librados calls the com.ceph:rados binding lacks, bound with JNA against the same library.
 * size_t is a NativeLong (64-bit on the LP64 Linux targets Ceph supports).
 */
interface LibRados extends Library {
  LibRados INSTANCE = Native.load("rados", LibRados.class);

  int rados_mon_command(
      Pointer cluster,
      String[] cmd,
      NativeLong cmdlen,
      byte[] inbuf,
      NativeLong inbuflen,
      PointerByReference outbuf,
      NativeLongByReference outbuflen,
      PointerByReference outs,
      NativeLongByReference outslen);

  int rados_mgr_command(
      Pointer cluster,
      String[] cmd,
      NativeLong cmdlen,
      byte[] inbuf,
      NativeLong inbuflen,
      PointerByReference outbuf,
      NativeLongByReference outbuflen,
      PointerByReference outs,
      NativeLongByReference outslen);

  void rados_buffer_free(Pointer buf);
}
