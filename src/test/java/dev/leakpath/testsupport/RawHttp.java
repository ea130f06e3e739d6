package dev.leakpath.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP/1.1 connection over a plain socket, for what an HTTP client will not do: send headers and no
 * body, trickle bytes, stop halfway, and see when the server closes the connection.
 */
public final class RawHttp implements AutoCloseable {

	private final Socket socket;

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	private RawHttp(Socket socket) {
		this.socket = socket;
	}

	public static RawHttp connect(int port) {
		try {
			return new RawHttp(new Socket("localhost", port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Request line and headers, then an empty line; {@code headers} are "Name: value" lines. */
	public static String head(String requestLine, String... headers) {
		return requestLine + "\r\nHost: localhost\r\n" + String.join("\r\n", headers) + (headers.length > 0 ? "\r\n" : "")
				+ "\r\n";
	}

	/** Sends; false when the server has closed the connection already. */
	public boolean send(String text) {
		return send(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	public boolean send(byte[] bytes) {
		try {
			socket.getOutputStream().write(bytes);
			socket.getOutputStream().flush();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The status of the response, read within {@code timeout}; -1 when the connection ended without one. */
	public int status(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No response within " + timeout + "; received: " + received);
			}
			if (readSome(deadline) < 0) {
				break;
			}
		}
		String text = received.toString(StandardCharsets.ISO_8859_1);
		return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
	}

	/** What was received so far. */
	public String received() {
		return received.toString(StandardCharsets.UTF_8);
	}

	/** Whether the server closes the connection within {@code timeout} (whatever it sends first). */
	public boolean closedWithin(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (readSome(deadline) < 0) {
				return true;
			}
		}
		return false;
	}

	private int readSome(long deadline) {
		try {
			socket.setSoTimeout((int) Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			int read = in.read(buffer);
			if (read > 0) {
				received.write(buffer, 0, read);
			}
			return read;
		}
		catch (SocketTimeoutException ex) {
			return 0;
		}
		catch (IOException ex) {
			// a reset is the server closing too
			return -1;
		}
	}

	@Override
	public void close() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing either way
		}
	}

}
