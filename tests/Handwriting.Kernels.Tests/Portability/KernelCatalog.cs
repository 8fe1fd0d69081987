using System.Reflection;

namespace Handwriting.Kernels.Tests.Portability;

/// <summary>Every method of the Handwriting.Kernels assembly marked <see cref="KernelAttribute"/>, by "Type.Method".</summary>
public static class KernelCatalog
{
    private const BindingFlags AllStatic = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlyDictionary<string, MethodInfo> All { get; } =
        StaticMethods()
            .Where(method => method.GetCustomAttribute<KernelAttribute>() is not null)
            .ToDictionary(NameOf);

    public static IEnumerable<MethodInfo> StaticMethods() =>
        typeof(KernelAttribute).Assembly.GetTypes().SelectMany(type => type.GetMethods(AllStatic));

    public static string NameOf(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in All.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }
}
