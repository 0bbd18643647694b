package dev.exchangesync.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app registration's certificate and private key, for app-only sign-in. Reads PEM (an unencrypted PKCS#8
 * {@code PRIVATE KEY} and one or more {@code CERTIFICATE} blocks, in one file or two) and PKCS#12 ({@code .pfx},
 * {@code .p12}). Errors say which file is wrong and how; they never contain key material.
 */
public final class ClientCertificate {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  private final PrivateKey privateKey;
  private final List<X509Certificate> chain;

  private ClientCertificate(PrivateKey privateKey, List<X509Certificate> chain) {
    this.privateKey = privateKey;
    this.chain = List.copyOf(chain);
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  List<X509Certificate> chain() {
    return chain;
  }

  /** The certificate's SHA-1 thumbprint in hex, as the Entra admin center shows it. */
  public String thumbprint() {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(chain.get(0).getEncoded());
      StringBuilder hex = new StringBuilder();
      for (byte b : digest) {
        hex.append(String.format("%02X", b));
      }
      return hex.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "ClientCertificate{" + chain.get(0).getSubjectX500Principal().getName() + ", thumbprint " + thumbprint()
        + "}";
  }

  /** Reads PEM files: together they must hold one private key and at least one certificate. */
  public static ClientCertificate fromPem(Path... files) {
    if (files.length == 0) {
      throw new IllegalArgumentException("no PEM file given");
    }
    PrivateKey key = null;
    List<X509Certificate> chain = new ArrayList<>();
    for (Path file : files) {
      String text = read(file);
      Matcher matcher = PEM.matcher(text);
      boolean any = false;
      while (matcher.find()) {
        any = true;
        String type = matcher.group(1);
        byte[] der;
        try {
          der = Base64.getMimeDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("certificate file " + file + ": a " + type + " block is not base64");
        }
        switch (type) {
          case "PRIVATE KEY" -> key = privateKey(file, der);
          case "CERTIFICATE" -> chain.add(certificate(file, der));
          case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("certificate file " + file
              + ": the private key is encrypted; decrypt it (openssl pkcs8 -in key.pem -out plain.pem) or use"
              + " a PKCS#12 file with a password");
          case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalArgumentException("certificate file " + file
              + ": the key is in the old " + type + " format; convert it to PKCS#8 with"
              + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out pkcs8.pem'");
          default -> {
            // Other blocks (parameters, CSRs) are not needed.
          }
        }
      }
      if (!any) {
        throw new IllegalArgumentException("certificate file " + file + " holds no PEM block; give PEM (-----BEGIN"
            + " ...) or a PKCS#12 file");
      }
    }
    if (key == null) {
      throw new IllegalArgumentException("no PRIVATE KEY block in " + Arrays.toString(files));
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("no CERTIFICATE block in " + Arrays.toString(files));
    }
    return new ClientCertificate(key, chain);
  }

  /** Reads a PKCS#12 file protected by {@code password} (empty for none). */
  public static ClientCertificate fromPkcs12(Path file, char[] password) {
    Objects.requireNonNull(password, "password == null");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Key key = store.getKey(alias, password);
          Certificate[] certificates = store.getCertificateChain(alias);
          if (key instanceof PrivateKey privateKey && certificates != null && certificates.length > 0) {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : certificates) {
              chain.add((X509Certificate) certificate);
            }
            return new ClientCertificate(privateKey, chain);
          }
        }
      }
      throw new IllegalArgumentException("certificate file " + file + " holds no private key with a certificate");
    } catch (IOException e) {
      throw new IllegalArgumentException("certificate file " + file + " cannot be opened: wrong password, or not a"
          + " PKCS#12 file (" + e.getMessage() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("certificate file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Reads {@code file} as PEM when it looks like text with a PEM block, otherwise as PKCS#12. */
  public static ClientCertificate fromFile(Path file, char[] password) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(64);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    return new String(head, StandardCharsets.US_ASCII).contains("-----BEGIN ") ? fromPem(file)
        : fromPkcs12(file, password);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static IllegalArgumentException unreadable(Path file, IOException e) {
    return new IllegalArgumentException("certificate file " + file + " cannot be read: "
        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()), e);
  }

  private static PrivateKey privateKey(Path file, byte[] der) {
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Try the next algorithm.
      }
    }
    throw new IllegalArgumentException("certificate file " + file + ": the PRIVATE KEY is neither RSA nor EC");
  }

  private static X509Certificate certificate(Path file, byte[] der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("certificate file " + file + ": a CERTIFICATE block is not X.509", e);
    }
  }
}
