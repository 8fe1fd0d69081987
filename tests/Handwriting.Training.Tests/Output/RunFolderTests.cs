using Handwriting.Training.Output;

namespace Handwriting.Training.Tests.Output;

/// <summary>
/// The run folder is claimed when a run starts (an exclusive lock file), so a second run into
/// it fails before training; the default name is numbered when taken; an existing empty folder
/// (a mount point) can be claimed; killed runs' leftovers are swept by the next run.
/// </summary>
public sealed class RunFolderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_second_run_into_the_same_folder_is_refused_while_the_first_holds_it()
    {
        string target = _folder.File("run");
        using RunFolder first = RunFolder.Claim(target, numberIfTaken: false);

        var error = Assert.Throws<TrainingSettingsException>(() => RunFolder.Claim(target, numberIfTaken: false));

        Assert.Equal($"--out {target}: another train run (process {Environment.ProcessId}) is writing into this folder", error.Message);
    }

    [Fact]
    public void A_taken_default_name_is_numbered()
    {
        string target = _folder.File("20261124-031500");
        using RunFolder first = RunFolder.Claim(target, numberIfTaken: true);
        using RunFolder second = RunFolder.Claim(target, numberIfTaken: true);
        using RunFolder third = RunFolder.Claim(target, numberIfTaken: true);

        Assert.Equal(target, first.Target);
        Assert.Equal(target + "-2", second.Target);
        Assert.Equal(target + "-3", third.Target);
    }

    [Fact]
    public void An_existing_empty_folder_is_claimed_filled_at_commit_and_kept_on_failure()
    {
        string mount = _folder.File("mount");
        Directory.CreateDirectory(mount);
        using (RunFolder failed = RunFolder.Claim(mount, numberIfTaken: false))
        {
            File.WriteAllText(failed.PathOf("model.bin"), "half");
        }

        Assert.True(Directory.Exists(mount), "a folder the run did not create is never removed");
        Assert.Empty(Directory.EnumerateFileSystemEntries(mount));

        using RunFolder run = RunFolder.Claim(mount, numberIfTaken: false);
        File.WriteAllText(run.PathOf("model.bin"), "model");
        File.WriteAllText(run.PathOf("metrics.json"), "{}");
        Assert.Equal([RunFolder.StagingFolder, RunFolder.LockFile], Directory.EnumerateFileSystemEntries(mount).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        run.Commit();

        Assert.Equal(["metrics.json", "model.bin"], Directory.EnumerateFileSystemEntries(mount).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_failed_run_removes_the_folder_it_created()
    {
        string target = _folder.File("run");
        using (RunFolder run = RunFolder.Claim(target, numberIfTaken: false))
        {
            File.WriteAllText(run.PathOf("model.bin"), "half");
        }

        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void A_folder_with_files_is_refused()
    {
        string target = _folder.File("run");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");

        var error = Assert.Throws<TrainingSettingsException>(() => RunFolder.Claim(target, numberIfTaken: false));

        Assert.Equal($"--out {target}: the folder already exists and is not empty", error.Message);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName));
    }

    [Fact]
    public void Leftovers_of_killed_runs_are_swept_and_a_live_runs_kept()
    {
        // Process ids on Linux stay below 2^22: 99999999 names no process.
        string killed = _folder.File("20261124-031500");
        Directory.CreateDirectory(Path.Combine(killed, RunFolder.StagingFolder));
        File.WriteAllText(Path.Combine(killed, RunFolder.StagingFolder, "model.bin"), "half");
        File.WriteAllText(Path.Combine(killed, RunFolder.LockFile), "99999999 created\n");
        string oldStyle = _folder.File(".20261124-031501.partial-99999999");
        Directory.CreateDirectory(oldStyle);
        string oldLive = _folder.File($".20261124-031502.partial-{Environment.ProcessId}");
        Directory.CreateDirectory(oldLive);
        string reused = _folder.File("reused");
        Directory.CreateDirectory(reused);
        File.WriteAllText(Path.Combine(reused, RunFolder.LockFile), "99999999 existing\n");

        using RunFolder run = RunFolder.Claim(_folder.File("new"), numberIfTaken: false);
        using RunFolder again = RunFolder.Claim(reused, numberIfTaken: false);

        Assert.False(Directory.Exists(killed), "the killed run's own folder, holding nothing else");
        Assert.False(Directory.Exists(oldStyle));
        Assert.True(Directory.Exists(oldLive), "a live process's staging folder");
        Assert.Equal(reused, again.Target);
    }
}
