package io.strata.ceph;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.IntByReference;
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

  // Compound write operations: every step of one operation applies atomically or not at all.
  Pointer rados_create_write_op();

  void rados_release_write_op(Pointer op);

  void rados_write_op_create(Pointer op, int exclusive, String category);

  void rados_write_op_assert_exists(Pointer op);

  void rados_write_op_remove(Pointer op);

  void rados_write_op_omap_set(
      Pointer op, String[] keys, Pointer[] values, NativeLong[] lengths, NativeLong count);

  /** Cancels the whole operation (ECANCELED) unless the key's value compares true; absent is "". */
  void rados_write_op_omap_cmp(
      Pointer op,
      String key,
      byte comparison,
      String value,
      NativeLong length,
      IntByReference rval);

  void rados_write_op_omap_rm_keys(Pointer op, String[] keys, NativeLong count);

  int rados_write_op_operate(Pointer op, Pointer ioctx, String oid, Pointer mtime, int flags);

  Pointer rados_create_read_op();

  void rados_release_read_op(Pointer op);

  void rados_read_op_omap_get_vals_by_keys(
      Pointer op, String[] keys, NativeLong count, PointerByReference iter, IntByReference rval);

  void rados_read_op_omap_get_vals2(
      Pointer op,
      String startAfter,
      String filterPrefix,
      long maxReturn,
      PointerByReference iter,
      ByteByReference more,
      IntByReference rval);

  int rados_read_op_operate(Pointer op, Pointer ioctx, String oid, int flags);

  int rados_omap_get_next2(
      Pointer iter,
      PointerByReference key,
      PointerByReference value,
      NativeLongByReference keyLength,
      NativeLongByReference valueLength);

  void rados_omap_get_end(Pointer iter);
}
