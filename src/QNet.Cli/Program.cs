using QNet.Cli;

return QNetApp.Create().Run(args);
