package io.strata.ceph;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * The librbd calls the com.ceph:rados binding lacks, bound with JNA against the same library. C
 * {@code bool} is passed as an int (0 or 1); size_t is a NativeLong.
 */
interface LibRbd extends Library {
  LibRbd INSTANCE = Native.load("rbd", LibRbd.class);

  int rbd_pool_init(Pointer ioctx, int force);

  int rbd_get_id(Pointer image, byte[] id, NativeLong idLength);

  int rbd_get_features(Pointer image, LongByReference features);

  int rbd_get_flags(Pointer image, LongByReference flags);

  int rbd_trash_move(Pointer ioctx, String name, long delaySeconds);

  int rbd_trash_list(Pointer ioctx, TrashImageInfo entries, NativeLongByReference count);

  void rbd_trash_list_cleanup(TrashImageInfo entries, NativeLong count);

  int rbd_trash_remove(Pointer ioctx, String imageId, int force);

  int rbd_metadata_set(Pointer image, String key, String value);

  int rbd_metadata_get(Pointer image, String key, byte[] value, NativeLongByReference length);

  /** rbd_trash_image_info_t. */
  @Structure.FieldOrder({"id", "name", "source", "deletionTime", "defermentEndTime"})
  class TrashImageInfo extends Structure {
    public Pointer id;
    public Pointer name;
    public int source;
    public long deletionTime;
    public long defermentEndTime;
  }
}
