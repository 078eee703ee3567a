using System.Runtime.InteropServices;

namespace LnConform.Fuzz;

/// <summary>
/// The target side of AFL++'s forkserver protocol, in persistent mode without forking: attach the
/// shared map (<c>__AFL_SHM_ID</c>), say hello on fd 199, then for each request on fd 198 answer our
/// own pid, run the input read from stdin (the file AFL rewrites), and answer a wait status
/// (0, or SIGABRT's 6 when an exception escaped). A timeout kills the process; AFL restarts it.
/// </summary>
public static unsafe partial class AflForkServer
{
    private const int ControlFd = 198;
    private const int StatusFd = 199;
    private const int CrashStatus = 6; // WIFSIGNALED with SIGABRT

    /// <summary>Serves AFL until the control pipe closes. Returns an exit code.</summary>
    public static int Serve(IFuzzTarget target, TextWriter error)
    {
        var shm = Environment.GetEnvironmentVariable("__AFL_SHM_ID");
        // Warm up before coverage counts: static constructors and the JIT run once, here, not in the first input.
        Attempt(target, []);
        Attempt(target, "lnbc1"u8);
        if (shm is null || !int.TryParse(shm, out var shmId))
        {
            error.WriteLine("fuzz afl-child: __AFL_SHM_ID is not set (run it under afl-fuzz)");
            return 2;
        }
        var map = shmat(shmId, IntPtr.Zero, 0);
        if (map == -1)
        {
            error.WriteLine($"fuzz afl-child: shmat({shmId}) failed");
            return 2;
        }
        Coverage.Map = (byte*)map;
        Coverage.Prev = 0;

        var word = stackalloc byte[4];
        *(int*)word = 0;
        if (write(StatusFd, word, 4) != 4)
        {
            error.WriteLine("fuzz afl-child: fd 199 is not AFL's status pipe");
            return 2;
        }
        var buffer = new byte[1 << 20];
        var pid = Environment.ProcessId;
        while (true)
        {
            if (read(ControlFd, word, 4) != 4)
                return 0;
            *(int*)word = pid;
            if (write(StatusFd, word, 4) != 4)
                return 0;
            var length = ReadStdin(ref buffer);
            Coverage.Prev = 0;
            *(int*)word = Attempt(target, buffer.AsSpan(0, length)) ? 0 : CrashStatus;
            if (write(StatusFd, word, 4) != 4)
                return 0;
        }
    }

    private static bool Attempt(IFuzzTarget target, ReadOnlySpan<byte> data)
    {
        try
        {
            target.Run(data);
            return true;
        }
#pragma warning disable CA1031 // any exception is the crash AFL is told about
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    // AFL rewrites the file behind fd 0 for each input; pread from offset 0 ignores the shared file position.
    private static int ReadStdin(ref byte[] buffer)
    {
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
            long n;
            fixed (byte* p = buffer)
                n = pread(0, p + total, buffer.Length - total, total);
            if (n <= 0)
                return total;
            total += (int)n;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint shmat(int shmid, nint shmaddr, int shmflg);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint read(int fd, byte* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, byte* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint pread(int fd, byte* buf, nint count, long offset);
}
