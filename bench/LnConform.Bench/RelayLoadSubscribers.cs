using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using LnConform.Core.Nostr.Nip01;

namespace LnConform.Bench;

/// <summary>
/// A subscriber connection that only counts and times what it receives (no parsing beyond the sequence number). Three
/// transports, so that the load generator's own cost can be told apart from the relay's:
/// <see cref="DotnetSubscriber"/> (<see cref="ClientWebSocket"/>), <see cref="RawSubscriber"/> (a minimal RFC 6455
/// client on a bare socket with async receives) and <see cref="EpollSubscriber"/> (the same client, every socket read
/// by one thread blocked in <c>epoll_wait</c>: no thread-pool hop per delivery).
/// </summary>
internal abstract class RelayLoadSubscriber : IAsyncDisposable
{
    private static readonly byte[] ContentKey = Encoding.UTF8.GetBytes("\"content\":\"b:");
    private static readonly byte[] EoseHead = Encoding.UTF8.GetBytes("[\"EOSE\"");

    private readonly long[] _sentAt;
    private readonly long[] _latencyTicks;
    private readonly TaskCompletionSource _live = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _received;
    private long _lastReceivedAt;

    protected RelayLoadSubscriber(long[] sentAt)
    {
        _sentAt = sentAt;
        _latencyTicks = new long[sentAt.Length];
    }

    public Task Live => _live.Task;

    public int Received => Volatile.Read(ref _received);

    public long LastReceivedAt => Interlocked.Read(ref _lastReceivedAt);

    protected CancellationTokenSource Stop { get; } = new();

    public static Task<RelayLoadSubscriber> OpenAsync(string client, EpollPoller? poller, Uri url, string id, NostrFilter filter, long[] sentAt, CancellationToken cancellationToken)
    {
        var req = NostrMessageJson.WriteUtf8(new ReqMessage(id, [filter]));
        return client switch
        {
            "epoll" => Task.Run(() => EpollSubscriber.Open(poller!, url, req, sentAt), cancellationToken),
            "raw" => RawSubscriber.OpenAsync(url, req, sentAt, cancellationToken),
            _ => DotnetSubscriber.OpenAsync(url, req, sentAt, cancellationToken),
        };
    }

    public IEnumerable<double> LatenciesMs()
    {
        var count = Math.Min(Received, _latencyTicks.Length);
        for (var i = 0; i < count; i++)
            yield return _latencyTicks[i] * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>One complete text frame received at <paramref name="now"/>.</summary>
    protected void OnFrame(ReadOnlySpan<byte> frame, long now)
    {
        var at = frame.IndexOf(ContentKey);
        if (at >= 0 && Utf8Parser.TryParse(frame[(at + ContentKey.Length)..], out int seq, out _) && seq >= 0 && seq < _sentAt.Length)
        {
            var n = _received;
            if (n < _latencyTicks.Length)
                _latencyTicks[n] = now - Volatile.Read(ref _sentAt[seq]);
            Volatile.Write(ref _received, n + 1);
            Interlocked.Exchange(ref _lastReceivedAt, now);
        }
        else if (frame.StartsWith(EoseHead))
        {
            _live.TrySetResult();
        }
    }

    /// <summary>Hands every complete frame at the start of <paramref name="data"/> to <see cref="OnFrame"/>.</summary>
    /// <returns>The bytes consumed, or -1 when the server closed.</returns>
    protected int OnFrames(ReadOnlySpan<byte> data, long now)
    {
        var consumed = 0;
        while (Rfc6455.TryFrame(data[consumed..], out var opcode, out var payload, out var frameLength))
        {
            if (opcode == 0x8)
                return -1;
            if (opcode == 0x1)
                OnFrame(data.Slice(consumed + payload.Start, payload.Length), now);
            consumed += frameLength;
        }
        return consumed;
    }

    protected void Ended() => _live.TrySetResult();

    public abstract ValueTask DisposeAsync();
}

/// <summary>Just enough RFC 6455 for a load generator: the opening handshake (§4.1), masked client frames (§5.3), unmasked server frames (§5.2).</summary>
internal static class Rfc6455
{
    public static (byte[] Request, string Accept) Handshake(Uri url)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"GET / HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        return (request, accept);
    }

    /// <summary>Whether <paramref name="head"/> holds the whole response head; throws when it is not a 101 with the expected accept key.</summary>
    public static bool CheckResponse(ReadOnlySpan<byte> head, string accept)
    {
        if (head.IndexOf("\r\n\r\n"u8) < 0)
            return false;
        var response = Encoding.ASCII.GetString(head);
        if (!response.StartsWith("HTTP/1.1 101", StringComparison.Ordinal) || !response.Contains(accept, StringComparison.Ordinal))
            throw new IOException($"not a WebSocket upgrade: {response.Split('\r')[0]}");
        return true;
    }

    public static byte[] MaskedTextFrame(byte[] payload)
    {
        var lengthBytes = payload.Length < 126 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = 0x81; // FIN, text
        if (lengthBytes == 0)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else if (lengthBytes == 2)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }
        var mask = frame.AsSpan(2 + lengthBytes, 4);
        RandomNumberGenerator.Fill(mask);
        var body = frame.AsSpan(6 + lengthBytes);
        for (var i = 0; i < payload.Length; i++)
            body[i] = (byte)(payload[i] ^ mask[i & 3]);
        return frame;
    }

    // §5.2: server frames are unmasked; the relay does not fragment.
    public static bool TryFrame(ReadOnlySpan<byte> data, out int opcode, out (int Start, int Length) payload, out int frameLength)
    {
        opcode = 0;
        payload = default;
        frameLength = 0;
        if (data.Length < 2)
            return false;
        opcode = data[0] & 0x0F;
        var length = (long)(data[1] & 0x7F);
        var start = 2;
        if (length == 126)
        {
            if (data.Length < 4)
                return false;
            length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            start = 4;
        }
        else if (length == 127)
        {
            if (data.Length < 10)
                return false;
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(data[2..]);
            start = 10;
        }
        if (length > int.MaxValue || data.Length - start < length)
            return false;
        payload = (start, (int)length);
        frameLength = start + (int)length;
        return true;
    }
}

/// <summary>A subscriber on <see cref="ClientWebSocket"/> (the BCL client: HTTP/1.1 upgrade, <c>ManagedWebSocket</c>).</summary>
internal sealed class DotnetSubscriber : RelayLoadSubscriber
{
    private readonly ClientWebSocket _ws;
    private Task _loop = Task.CompletedTask;

    private DotnetSubscriber(ClientWebSocket ws, long[] sentAt)
        : base(sentAt) => _ws = ws;

    public static async Task<RelayLoadSubscriber> OpenAsync(Uri url, byte[] req, long[] sentAt, CancellationToken cancellationToken)
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        var subscriber = new DotnetSubscriber(ws, sentAt);
        subscriber._loop = Task.Run(subscriber.ReceiveLoopAsync, CancellationToken.None);
        await ws.SendAsync(req, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        return subscriber;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await _ws.ReceiveAsync(buffer.AsMemory(length), Stop.Token).ConfigureAwait(false);
                    length += r.Count;
                }
                while (!r.EndOfMessage && length < buffer.Length);
                if (r.MessageType == WebSocketMessageType.Close)
                    return;
                OnFrame(buffer.AsSpan(0, length), Stopwatch.GetTimestamp());
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped.
        }
        finally
        {
            Ended();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await Stop.CancelAsync().ConfigureAwait(false);
        _ws.Abort();
        await _loop.ConfigureAwait(false);
        _ws.Dispose();
        Stop.Dispose();
    }
}

/// <summary>A subscriber on a bare socket with async receives (each delivery completes on the thread pool).</summary>
internal sealed class RawSubscriber : RelayLoadSubscriber
{
    private readonly Socket _socket;
    private Task _loop = Task.CompletedTask;

    private RawSubscriber(Socket socket, long[] sentAt)
        : base(sentAt) => _socket = socket;

    public static async Task<RelayLoadSubscriber> OpenAsync(Uri url, byte[] req, long[] sentAt, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(url.Host, url.Port, cancellationToken).ConfigureAwait(false);
        var (request, accept) = Rfc6455.Handshake(url);
        await socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);

        // The 101 response; the server sends nothing more before our REQ, so the read ends at the blank line.
        var head = new byte[4096];
        var length = 0;
        while (!Rfc6455.CheckResponse(head.AsSpan(0, length), accept))
        {
            var n = await socket.ReceiveAsync(head.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0 || (length += n) == head.Length)
                throw new IOException("the relay closed or overran the opening handshake");
        }

        var subscriber = new RawSubscriber(socket, sentAt);
        subscriber._loop = Task.Run(subscriber.ReceiveLoopAsync, CancellationToken.None);
        await socket.SendAsync(Rfc6455.MaskedTextFrame(req), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        return subscriber;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, Stop.Token).ConfigureAwait(false);
                if (n == 0)
                    return;
                filled += n;
                var consumed = OnFrames(buffer.AsSpan(0, filled), Stopwatch.GetTimestamp());
                if (consumed < 0)
                    return;
                if (consumed == 0 && filled == buffer.Length)
                    throw new IOException("a frame over 64 KiB");
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped.
        }
        finally
        {
            Ended();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await Stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        Stop.Dispose();
    }
}

/// <summary>
/// A subscriber on a bare socket read by <see cref="EpollPoller"/>'s thread. The handshake is synchronous and the socket
/// never sees an async operation, so .NET's own socket engine never watches it: a delivery costs one wake-up of the
/// poller (shared by everything ready at once) and one <c>recv</c>.
/// </summary>
internal sealed class EpollSubscriber : RelayLoadSubscriber
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _filled;
    private int _ended;

    private EpollSubscriber(Socket socket, long[] sentAt)
        : base(sentAt) => _socket = socket;

    public static RelayLoadSubscriber Open(EpollPoller poller, Uri url, byte[] req, long[] sentAt)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Connect(url.Host, url.Port);
            var (request, accept) = Rfc6455.Handshake(url);
            socket.Send(request);
            var head = new byte[4096];
            var length = 0;
            while (!Rfc6455.CheckResponse(head.AsSpan(0, length), accept))
            {
                var n = socket.Receive(head.AsSpan(length));
                if (n == 0 || (length += n) == head.Length)
                    throw new IOException("the relay closed or overran the opening handshake");
            }
            socket.Blocking = false;
            var subscriber = new EpollSubscriber(socket, sentAt);
            poller.Add(subscriber, socket);
            socket.Send(Rfc6455.MaskedTextFrame(req));
            return subscriber;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>On the poller's thread: reads what is there and hands over the complete frames.</summary>
    public void OnReadable()
    {
        if (Volatile.Read(ref _ended) != 0)
            return;
        var n = _socket.Receive(_buffer.AsSpan(_filled), SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock)
            return;
        if (error != SocketError.Success || n == 0)
        {
            End();
            return;
        }
        _filled += n;
        var consumed = OnFrames(_buffer.AsSpan(0, _filled), Stopwatch.GetTimestamp());
        if (consumed < 0 || (consumed == 0 && _filled == _buffer.Length))
        {
            End();
            return;
        }
        _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
        _filled -= consumed;
    }

    private void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
            Ended();
    }

    public override ValueTask DisposeAsync()
    {
        End();
        _socket.Dispose();
        Stop.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>One thread waiting in <c>epoll_wait(2)</c> on every <see cref="EpollSubscriber"/>'s socket (level-triggered). Linux on x86-64.</summary>
internal sealed partial class EpollPoller : IDisposable
{
    private const int EpollCtlAdd = 1;
    private const uint EpollIn = 0x001;

    private readonly int _epoll;
    private readonly Lock _gate = new();
    private readonly List<EpollSubscriber> _subscribers = [];
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _disposed;

    public EpollPoller()
    {
        if (!IsSupported)
            throw new PlatformNotSupportedException("--client epoll needs Linux on x86-64");
        _epoll = EpollCreate1(0);
        if (_epoll < 0)
            throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        _thread = new Thread(Poll) { IsBackground = true, Name = "relay-load epoll" };
        _thread.Start();
    }

    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public void Add(EpollSubscriber subscriber, Socket socket)
    {
        int index;
        lock (_gate)
        {
            index = _subscribers.Count;
            _subscribers.Add(subscriber);
        }
        var registration = new EpollEvent { Events = EpollIn, Data = (ulong)index };
        if (EpollCtl(_epoll, EpollCtlAdd, (int)socket.Handle, ref registration) != 0)
            throw new IOException($"epoll_ctl failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private void Poll()
    {
        var events = new EpollEvent[256];
        EpollSubscriber[] subscribers = [];
        while (!_stopping)
        {
            var n = EpollWait(_epoll, events, events.Length, 50);
            if (n <= 0)
                continue;
            for (var i = 0; i < n; i++)
            {
                var index = (int)events[i].Data;
                if (index >= subscribers.Length)
                {
                    lock (_gate)
                        subscribers = [.. _subscribers];
                }
                subscribers[index].OnReadable();
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _stopping = true;
        _thread.Join();
        _ = Close(_epoll);
    }

    // struct epoll_event is packed on x86-64: 12 bytes, the 64-bit data right after the 32-bit events.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epfd, int op, int fd, ref EpollEvent ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epfd, [Out] EpollEvent[] events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
