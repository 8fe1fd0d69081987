using Handwriting.Api;
using static Handwriting.Api.Layers;

// The seed notebook through the Handwriting.Training package: `dotnet run -- --limit 2000` trains on the first 2,000 images.
var mnist = Mnist.Load();
var train = args is ["--limit", var count] ? mnist.Train.Take(int.Parse(count)) : mnist.Train;
using var model = Sequential.Create(784, [Dense(128, Activation.Relu), Dropout(0.2), Dense(10, Activation.Softmax)]);
model.Compile(Optimizer.Adam(learningRate: 0.001));
model.EpochEnded += (_, epoch) => Console.WriteLine(epoch);
var history = model.Fit(train, epochs: 5, batchSize: 32, validationSplit: 0.2);
Console.WriteLine(model.Evaluate(mnist.Test));
Console.WriteLine($"Test image 0 (label {mnist.Test.Labels[0]}): predicted {model.Predict(mnist.Test.Take(1))[0]}");
history.AccuracyPlot().Save("accuracy.png");
history.LossPlot().Save("loss.png");
model.Save("model.bin");
