/** Internal: log records and their encoding (JSON or Smile), and decoding on helper threads. Not an API: other engine packages use it. */
package dev.lithair.internal.codec;
