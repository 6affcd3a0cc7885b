using System.Runtime.InteropServices;

namespace Mako.Cli.Tools.Capinfos;

/// <summary>Lowers the calling thread's scheduling priority, where the platform lets a process do that per thread.</summary>
internal static class ThreadPriorities
{
    private const int PrioProcess = 0;   // with a thread id, Linux applies it to that thread only
    private const int Lowest = 19;

    public static void Lower()
    {
        // .NET maps Thread.Priority to the scheduler on Windows; on Linux it has no effect, so set the thread's nice
        // value directly (raising it needs no privilege). Failure only costs speed.
        Thread.CurrentThread.Priority = ThreadPriority.Lowest;
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            _ = SetPriority(PrioProcess, GetThreadId(), Lowest);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    // DllImport rather than LibraryImport: the arguments are plain ints, and LibraryImport would need unsafe code.
    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
