using QNet.Kms.LoadBench;

return await LoadBench.RunAsync(args);
