using Microsoft.Extensions.Hosting;
using Qlrf.Functions.Orchestration;

OrchestrationApp.CreateBuilder(args).Build().Run();
