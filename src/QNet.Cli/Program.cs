using QNet.Cli;

return QNetApp.Run(args);
