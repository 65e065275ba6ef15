package io.strata.ceph;

import com.ceph.rados.IoCTX;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Key/value maps (omap) on RADOS objects in one pool and namespace: what the journal is built on.
 * Each method is one librados compound operation, so it applies whole or not at all.
 */
public final class Omap {
  private static final LibRados LIB = LibRados.INSTANCE;
  private static final int EXCLUSIVE = 1;
  private static final int IDEMPOTENT = 0;
  private static final byte CMP_EQ = 1;

  private final CephConnection connection;
  private final String pool;
  private final String namespace;

  public Omap(CephConnection connection, String pool, String namespace) {
    this.connection = connection;
    this.pool = pool;
    this.namespace = namespace;
  }

  /** Sets keys, creating the object when it is missing. */
  public void set(String oid, Map<String, String> values) {
    write(oid, "set omap keys on " + oid, op -> omapSet(op, values));
  }

  /** Creates the object with these keys; fails with EEXIST when it already exists. */
  public void createExclusive(String oid, Map<String, String> values) {
    write(
        oid,
        "create " + oid,
        op -> {
          LIB.rados_write_op_create(op, EXCLUSIVE, null);
          omapSet(op, values);
        });
  }

  /**
   * Sets one key only if the object (created when missing) does not have it yet, in one round trip:
   * true when this call set it, false when the key was already there (left unchanged). {@code
   * value} must not be empty, as Ceph compares an absent key as the empty value.
   */
  public boolean setIfAbsent(String oid, String key, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("setIfAbsent needs a non-empty value for " + key);
    }
    try {
      write(
          oid,
          "set omap key " + key + " on " + oid,
          op -> {
            LIB.rados_write_op_create(op, IDEMPOTENT, null);
            LIB.rados_write_op_omap_cmp(op, key, CMP_EQ, "", new NativeLong(0), null);
            omapSet(op, Map.of(key, value));
          });
      return true;
    } catch (CephException e) {
      if (e.kind() == Errno.ECANCELED) {
        return false;
      }
      throw e;
    }
  }

  /** Removes keys; an absent object or key is not an error. */
  public void removeKeys(String oid, Collection<String> keys) {
    try {
      write(
          oid,
          "remove omap keys from " + oid,
          op -> {
            LIB.rados_write_op_assert_exists(op);
            LIB.rados_write_op_omap_rm_keys(
                op, keys.toArray(String[]::new), new NativeLong(keys.size()));
          });
    } catch (CephException e) {
      if (e.kind() != Errno.ENOENT) {
        throw e;
      }
    }
  }

  /** Removes the object; an absent object is not an error. */
  public void remove(String oid) {
    try {
      write(oid, "remove " + oid, LIB::rados_write_op_remove);
    } catch (CephException e) {
      if (e.kind() != Errno.ENOENT) {
        throw e;
      }
    }
  }

  /** The requested keys that exist; empty when the object does not exist. */
  public Map<String, String> get(String oid, Collection<String> keys) {
    return read(
        oid,
        (op, iter, rval) ->
            LIB.rados_read_op_omap_get_vals_by_keys(
                op, keys.toArray(String[]::new), new NativeLong(keys.size()), iter, rval));
  }

  /** Up to {@code max} keys after {@code startAfter} (exclusive) that begin with {@code prefix}. */
  public Map<String, String> list(String oid, String startAfter, String prefix, int max) {
    return read(
        oid,
        (op, iter, rval) ->
            LIB.rados_read_op_omap_get_vals2(
                op, startAfter, prefix, max, iter, new ByteByReference(), rval));
  }

  private interface WriteSteps {
    void add(Pointer op);
  }

  private interface ReadStep {
    void add(Pointer op, PointerByReference iter, IntByReference rval);
  }

  private void write(String oid, String operation, WriteSteps steps) {
    connection.withPool(
        pool,
        namespace,
        io -> {
          Pointer op = LIB.rados_create_write_op();
          try {
            steps.add(op);
            check(operation, LIB.rados_write_op_operate(op, io.getPointer(), oid, null, 0));
            return null;
          } finally {
            LIB.rados_release_write_op(op);
          }
        });
  }

  private Map<String, String> read(String oid, ReadStep step) {
    return connection.withPool(pool, namespace, io -> readWith(io, oid, step));
  }

  private static Map<String, String> readWith(IoCTX io, String oid, ReadStep step) {
    Pointer op = LIB.rados_create_read_op();
    try {
      PointerByReference iter = new PointerByReference();
      IntByReference rval = new IntByReference();
      step.add(op, iter, rval);
      int rc = LIB.rados_read_op_operate(op, io.getPointer(), oid, 0);
      if (rc == -Errno.ENOENT.value()) {
        return Map.of();
      }
      check("read omap of " + oid, rc);
      check("read omap of " + oid, rval.getValue());
      return drain(iter.getValue());
    } finally {
      LIB.rados_release_read_op(op);
    }
  }

  private static Map<String, String> drain(Pointer iter) {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      PointerByReference key = new PointerByReference();
      PointerByReference value = new PointerByReference();
      NativeLongByReference keyLength = new NativeLongByReference();
      NativeLongByReference valueLength = new NativeLongByReference();
      while (true) {
        check("iterate omap", LIB.rados_omap_get_next2(iter, key, value, keyLength, valueLength));
        if (key.getValue() == null) {
          return values;
        }
        values.put(text(key.getValue(), keyLength), text(value.getValue(), valueLength));
      }
    } finally {
      LIB.rados_omap_get_end(iter);
    }
  }

  private static String text(Pointer pointer, NativeLongByReference length) {
    int size = (int) length.getValue().longValue();
    return size == 0 ? "" : new String(pointer.getByteArray(0, size), StandardCharsets.UTF_8);
  }

  private static void omapSet(Pointer op, Map<String, String> values) {
    if (values.isEmpty()) {
      return; // JNA cannot pass empty arrays, and there is nothing to set
    }
    List<Map.Entry<String, String>> entries = List.copyOf(values.entrySet());
    String[] keys = new String[entries.size()];
    Pointer[] data = new Pointer[entries.size()];
    NativeLong[] lengths = new NativeLong[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      byte[] bytes = entries.get(i).getValue().getBytes(StandardCharsets.UTF_8);
      Memory memory = new Memory(Math.max(1, bytes.length));
      memory.write(0, bytes, 0, bytes.length);
      keys[i] = entries.get(i).getKey();
      data[i] = memory;
      lengths[i] = new NativeLong(bytes.length);
    }
    LIB.rados_write_op_omap_set(op, keys, data, lengths, new NativeLong(keys.length));
  }

  private static void check(String operation, int rc) {
    if (rc < 0) {
      throw new CephException(operation, rc, null);
    }
  }
}
