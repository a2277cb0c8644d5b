namespace AdoptionBot.AppPackage;

internal static class Program
{
    private static int Main(string[] args) =>
        AppPackageCommand.Run(args, Console.Out, Console.Error, AppPackageBuilder.DefaultTemplateFolder);
}
