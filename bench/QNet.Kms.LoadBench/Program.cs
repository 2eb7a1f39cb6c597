using QNet.Kms.LoadBench;

try
{
    return await LoadBench.RunAsync(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
