namespace Handwriting.Training;
